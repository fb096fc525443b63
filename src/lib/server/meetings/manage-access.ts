import type { Db } from '../db/client.ts';
import type { Actor } from '../auth/session.ts';
import { loadMeetingFacts } from '../access/facts.ts';
import { canManageMeeting } from '../access/policies.ts';
import { getMeeting } from './queries.ts';
import { detailsEditable } from './transitions.ts';

export type Meeting = NonNullable<Awaited<ReturnType<typeof getMeeting>>>;
export type ManageDenial = 'not-found' | 'not-allowed' | 'meeting-not-editable';

/**
 * The meeting, when this actor may manage it (and, with `editing`, when its status still allows
 * changes). Every management command starts here, so no route can forget the policy.
 */
export async function loadManageableMeeting(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	opts: { editing?: boolean } = {}
): Promise<{ ok: true; meeting: Meeting } | { ok: false; reason: ManageDenial }> {
	const facts = await loadMeetingFacts(db, meetingId);
	if (!facts) return { ok: false, reason: 'not-found' };
	if (!canManageMeeting(actor, facts)) return { ok: false, reason: 'not-allowed' };
	const meeting = await getMeeting(db, meetingId);
	if (!meeting) return { ok: false, reason: 'not-found' };
	if (opts.editing && !detailsEditable(meeting.status))
		return { ok: false, reason: 'meeting-not-editable' };
	return { ok: true, meeting };
}

/** Collects valibot issues into one message code per field. */
export function fieldErrors(
	issues: readonly { message: string; path?: readonly { key: unknown }[] }[]
) {
	const errors: Record<string, string> = {};
	for (const issue of issues) {
		const key = String(issue.path?.[0]?.key ?? 'form');
		errors[key] ??= issue.message;
	}
	return errors;
}
