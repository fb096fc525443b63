import type { BoardMeta } from '$lib/realtime/board-doc';
import { phaseAllows } from '$lib/realtime/phase-rules';

/** What this viewer may do on the board now; the server checks the same rules again. */
export interface BoardPermissions {
	add: boolean;
	changeOwn: boolean;
	moderate: boolean;
	sort: boolean;
	vote: boolean;
}

export function boardPermissions(meta: BoardMeta, role: { facilitator: boolean; participant: boolean }): BoardPermissions {
	const opts = { lateCards: meta.lateCards };
	const moderate = role.facilitator && phaseAllows('moderate', meta.phase, opts);
	return {
		add: moderate || phaseAllows('add', meta.phase, opts),
		changeOwn: moderate || phaseAllows('change-own', meta.phase, opts),
		moderate,
		// Sorting tools show in the cluster phase only, for everyone: elsewhere they would crowd the cards.
		sort: phaseAllows('sort', meta.phase, opts),
		vote: role.participant && phaseAllows('vote', meta.phase, opts)
	};
}

/** Where a card can go: unsorted, a theme, or a cluster inside a theme. */
export interface Destination {
	key: string;
	label: string;
	themeId: string | null;
	clusterId: string | null;
}

export function destinations(
	themes: ReadonlyArray<{ id: string; name: string }>,
	clusters: ReadonlyArray<{ id: string; name: string; themeId: string | null }>,
	unsortedLabel: string
): Destination[] {
	const out: Destination[] = [{ key: 'unsorted', label: unsortedLabel, themeId: null, clusterId: null }];
	for (const c of clusters.filter((c) => c.themeId === null)) out.push({ key: `c:${c.id}`, label: `${unsortedLabel} › ${c.name}`, themeId: null, clusterId: c.id });
	for (const t of themes) {
		out.push({ key: `t:${t.id}`, label: t.name, themeId: t.id, clusterId: null });
		for (const c of clusters.filter((c) => c.themeId === t.id)) out.push({ key: `c:${c.id}`, label: `${t.name} › ${c.name}`, themeId: t.id, clusterId: c.id });
	}
	return out;
}
