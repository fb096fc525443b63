import type { BoardCard } from './board-doc.ts';

// What the browser shows between sending a command and seeing its effect in the doc: a small overlay
// beside the server-written doc (DESIGN: never a write into the local doc). Pure, so it is tested alone.

export type BoardCommand =
	| { type: 'card.add'; text: string }
	| { type: 'card.edit'; cardId: string; text: string }
	| { type: 'card.withdraw'; cardId: string }
	| { type: 'card.hide'; cardId: string; reason: string }
	| { type: 'card.restore'; cardId: string }
	| { type: 'card.move'; cardId: string; themeId: string | null; clusterId: string | null; beforeCardId?: string | null; suggestedThemeId?: string | null }
	| { type: 'cards.accept-suggestions'; accept: Array<{ cardId: string; themeId: string }> }
	| { type: 'card.merge'; cardId: string; intoCardId: string }
	| { type: 'cluster.create'; themeId: string | null; name: string; cardIds?: string[] }
	| { type: 'cluster.rename'; clusterId: string; name: string }
	| { type: 'cluster.move'; clusterId: string; themeId: string | null }
	| { type: 'cluster.merge'; clusterId: string; intoClusterId: string }
	| { type: 'cluster.dissolve'; clusterId: string }
	| { type: 'vote.cast'; cardId: string }
	| { type: 'vote.withdraw'; cardId: string }
	| { type: 'phase.set'; phase: string; seconds?: number | null }
	| { type: 'command.undo' };

export type PendingState = 'sending' | 'waiting' | 'refused';

export interface Pending {
	commandId: string;
	command: BoardCommand;
	state: PendingState;
	/** Why the server refused it, in the user's language. */
	message?: string;
	/** The doc's update count when the server accepted it: the overlay goes once the doc moved past it. */
	acceptedAt?: number;
	/** A vote: my dots on that card once it is through. The doc reaching it means the doc carries it. */
	dotsAfter?: number;
	/** A new card: the doc's card ids when it was sent. A card with its text outside them is this one. */
	knownIds?: ReadonlySet<string>;
}

const sameText = (a: string, b: string) => a.trim() === b.trim();

/** Whether the doc already shows a new card's effect (it may arrive before the server's answer). */
function addCarried(p: Pending & { command: { type: 'card.add' } }, cards: readonly BoardCard[]): boolean {
	const known = p.knownIds;
	return known !== undefined && cards.some((card) => !known.has(card.id) && sameText(card.text, p.command.text));
}

/** A card still on its way: last in line, under a key no server id can take. */
export function pendingCard(p: Pending & { command: { type: 'card.add' } }, authorName: string | null): BoardCard & { sending: true } {
	return {
		id: `sending:${p.commandId}`,
		text: p.command.text,
		authorName,
		themeId: null,
		clusterId: null,
		orderKey: '\uffff',
		createdAt: 0,
		updatedAt: 0,
		votes: null,
		merged: [],
		sending: true
	};
}

export type ShownCard = BoardCard & { sending?: true };

/** The cards as the doc has them, with the effect of the commands still under way laid over them. */
export function overlayCards(cards: readonly BoardCard[], pending: readonly Pending[], authorName: string | null): ShownCard[] {
	const live = pending.filter((p) => p.state !== 'refused');
	const gone = new Set<string>();
	const moved = new Map<string, { themeId: string | null; clusterId: string | null }>();
	const edited = new Map<string, string>();
	for (const p of live) {
		const c = p.command;
		if (c.type === 'card.withdraw' || c.type === 'card.hide') gone.add(c.cardId);
		if (c.type === 'card.merge') gone.add(c.cardId);
		if (c.type === 'card.move') moved.set(c.cardId, { themeId: c.themeId, clusterId: c.clusterId });
		if (c.type === 'card.edit') edited.set(c.cardId, c.text);
	}
	const shown: ShownCard[] = cards
		.filter((card) => !gone.has(card.id))
		.map((card) => {
			const place = moved.get(card.id);
			const text = edited.get(card.id);
			return place || text !== undefined ? { ...card, ...(place ?? {}), text: text ?? card.text } : card;
		});
	for (const p of live) {
		if (p.command.type !== 'card.add') continue;
		const add = p as Pending & { command: { type: 'card.add' } };
		// Never the card twice: once the doc has it, the pending one goes.
		if (!addCarried(add, cards)) shown.push(pendingCard(add, authorName));
	}
	return shown;
}

/** My dots per card with the votes under way counted in, each only until the doc carries it. */
export function overlayVotes(mine: ReadonlyMap<string, number>, pending: readonly Pending[]): Map<string, number> {
	const out = new Map(mine);
	for (const p of pending) {
		if (p.state === 'refused') continue;
		const c = p.command;
		if (c.type !== 'vote.cast' && c.type !== 'vote.withdraw') continue;
		if (p.dotsAfter !== undefined) {
			const doc = mine.get(c.cardId) ?? 0;
			const carried = c.type === 'vote.cast' ? doc >= p.dotsAfter : doc <= p.dotsAfter;
			if (!carried) out.set(c.cardId, p.dotsAfter);
			continue;
		}
		if (c.type === 'vote.cast') out.set(c.cardId, (out.get(c.cardId) ?? 0) + 1);
		if (c.type === 'vote.withdraw') out.set(c.cardId, Math.max(0, (out.get(c.cardId) ?? 0) - 1));
	}
	return out;
}

/** Groups cards for the columns: unsorted first, then per theme; inside a theme per cluster. */
export function groupCards<C extends { themeId: string | null; clusterId: string | null }>(
	cards: readonly C[],
	themeIds: readonly string[],
	clusterIds: ReadonlyMap<string, string | null>
): Map<string | null, { loose: C[]; byCluster: Map<string, C[]> }> {
	const groups = new Map<string | null, { loose: C[]; byCluster: Map<string, C[]> }>();
	for (const id of [null, ...themeIds]) groups.set(id, { loose: [], byCluster: new Map() });
	for (const card of cards) {
		// A card whose theme is gone shows as unsorted; a card in an unknown cluster shows loose.
		const group = groups.get(card.themeId) ?? groups.get(null)!;
		if (card.clusterId && clusterIds.has(card.clusterId)) {
			const list = group.byCluster.get(card.clusterId) ?? [];
			list.push(card);
			group.byCluster.set(card.clusterId, list);
		} else group.loose.push(card);
	}
	return groups;
}
