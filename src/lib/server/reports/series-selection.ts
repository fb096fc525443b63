import type { Db } from '../db/client.ts';
import { existingMeetings, seriesMeetingIds } from './series-model.ts';

// What a series summary covers: a whole series (its meetings by date) or meetings picked by hand (in
// the order picked). Read from a query string: `?series=<id>` or `?meetings=<id>,<id>`.

export interface SelectionInput {
	seriesId?: string | null;
	meetingIds?: readonly string[];
}

export type SelectionDenial = 'not-found' | 'no-meetings';

export const MAX_PICKED = 50;

export function selectionFromQuery(params: URLSearchParams): SelectionInput {
	const picked = params.getAll('meetings').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
	return { seriesId: params.get('series') || null, meetingIds: Array.from(new Set(picked)).slice(0, MAX_PICKED) };
}

/** The same selection as a query string (for download links). */
export function selectionQuery(input: SelectionInput): string {
	if (input.seriesId) return `series=${encodeURIComponent(input.seriesId)}`;
	return `meetings=${(input.meetingIds ?? []).map(encodeURIComponent).join(',')}`;
}

export async function resolveSelection(
	db: Db,
	input: SelectionInput,
	selectionTitle: string
): Promise<{ ok: true; seriesId: string | null; title: string; meetingIds: string[] } | { ok: false; reason: SelectionDenial }> {
	if (input.seriesId) {
		const found = await seriesMeetingIds(db, input.seriesId);
		if (!found) return { ok: false, reason: 'not-found' };
		if (found.meetingIds.length === 0) return { ok: false, reason: 'no-meetings' };
		return { ok: true, seriesId: input.seriesId, title: found.title, meetingIds: found.meetingIds };
	}
	const ids = await existingMeetings(db, input.meetingIds ?? []);
	if (ids.length === 0) return { ok: false, reason: (input.meetingIds ?? []).length ? 'not-found' : 'no-meetings' };
	return { ok: true, seriesId: null, title: selectionTitle, meetingIds: ids };
}
