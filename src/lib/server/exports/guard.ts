import type { Actor } from '../auth/session.ts';
import type { Db } from '../db/client.ts';
import { loadMeetingFacts } from '../access/facts.ts';
import { canManageMeeting } from '../access/policies.ts';
import { getMeeting } from '../meetings/queries.ts';

export type ManagedMeeting = NonNullable<Awaited<ReturnType<typeof getMeeting>>>;

/** For facilitator endpoints: 401 signed out, 404 no such meeting, 403 not one of theirs. */
export async function managedMeeting(
	db: Db,
	actor: Actor | null,
	meetingId: string
):
	Promise<| { ok: true; meeting: ManagedMeeting }
	| { ok: false; status: 401 | 403 | 404; reason: 'not-signed-in' | 'not-allowed' | 'not-found' }> {
	if (!actor) return { ok: false, status: 401, reason: 'not-signed-in' };
	const facts = await loadMeetingFacts(db, meetingId);
	if (!facts) return { ok: false, status: 404, reason: 'not-found' };
	if (!canManageMeeting(actor, facts)) return { ok: false, status: 403, reason: 'not-allowed' };
	return { ok: true, meeting: (await getMeeting(db, meetingId))! };
}
