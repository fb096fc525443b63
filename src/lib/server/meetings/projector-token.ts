import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { meetings } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { generateSessionToken, secretsEqual, sessionIdFromToken } from '../auth/tokens.ts';
import { loadManageableMeeting, logManagement } from './manage-access.ts';

/**
 * A new read-only projector link for the meeting; any earlier link stops working. Only the token's
 * SHA-256 is stored, so the link is shown once, when it is made.
 */
export function issueProjectorToken(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	now: number
): { ok: true; token: string } | { ok: false; reason: 'not-found' | 'not-allowed' } {
	const access = loadManageableMeeting(db, actor, meetingId);
	if (!access.ok)
		return { ok: false, reason: access.reason === 'not-found' ? 'not-found' : 'not-allowed' };
	if (!actor) return { ok: false, reason: 'not-allowed' };
	const token = generateSessionToken();
	db.transaction((tx) => {
		tx.update(meetings)
			.set({ projectorTokenHash: sessionIdFromToken(token) })
			.where(eq(meetings.id, meetingId))
			.run();
		// The log never holds the token itself.
		logManagement(tx as unknown as Db, {
			actor,
			meetingId,
			type: 'meeting.projector-link',
			payload: {},
			at: now
		});
	});
	return { ok: true, token };
}

/** Whether this token opens the meeting's projector view. */
export function checkProjectorToken(db: Db, meetingId: string, token: string | null): boolean {
	if (!token || !/^[a-z2-7]{32}$/.test(token)) return false;
	const row = db
		.select({ hash: meetings.projectorTokenHash })
		.from(meetings)
		.where(eq(meetings.id, meetingId))
		.get();
	if (!row?.hash) return false;
	// Prevent a timing attack: compare the hashes in constant time.
	return secretsEqual(sessionIdFromToken(token), row.hash);
}
