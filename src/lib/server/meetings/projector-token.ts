import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { meetings } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { generateSessionToken, secretsEqual, sessionIdFromToken } from '../auth/tokens.ts';
import { runManagement } from './management-scope.ts';
import type { Refusal } from '../commands/refusals.ts';

/**
 * A new read-only projector link for the meeting; any earlier link stops working. Only the token's
 * SHA-256 is stored, so the link is shown once, when it is made.
 */
export function issueProjectorToken(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	now: number
): { ok: true; token: string } | Refusal {
	const token = generateSessionToken();
	const outcome = runManagement(db, actor, meetingId, now, {
		type: 'meeting.projector-link',
		run(tx) {
			tx.update(meetings)
				.set({ projectorTokenHash: sessionIdFromToken(token) })
				.where(eq(meetings.id, meetingId))
				.run();
			return { ok: true, result: { token } };
		},
		// The log never holds the token itself.
		logged: () => ({})
	});
	return outcome.ok ? { ok: true, token: outcome.result.token } : outcome;
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
