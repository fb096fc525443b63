import { first } from '../db/query.ts';
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
export async function issueProjectorToken(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	now: number
): Promise<{ ok: true; token: string } | Refusal> {
	const token = generateSessionToken();
	const outcome = await runManagement(db, actor, meetingId, now, {
		type: 'meeting.projector-link',
		async run(tx) {
			await tx.update(meetings)
				.set({ projectorTokenHash: sessionIdFromToken(token) })
				.where(eq(meetings.id, meetingId));
			return { ok: true, result: { token } };
		},
		// The log never holds the token itself.
		logged: () => ({})
	});
	return outcome.ok ? { ok: true, token: outcome.result.token } : outcome;
}

/** Whether this token opens the meeting's projector view. */
export async function checkProjectorToken(db: Db, meetingId: string, token: string | null): Promise<boolean> {
	if (!token || !/^[a-z2-7]{32}$/.test(token)) return false;
	const row = await first(db
		.select({ hash: meetings.projectorTokenHash })
		.from(meetings)
		.where(eq(meetings.id, meetingId)));
	if (!row?.hash) return false;
	// Prevent a timing attack: compare the hashes in constant time.
	return secretsEqual(sessionIdFromToken(token), row.hash);
}
