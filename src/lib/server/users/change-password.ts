import { first } from '../db/query.ts';
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { checkPasswordRules, hashPassword, verifyPassword } from '../auth/password.ts';
import { runCommand, type CommandOutcome } from '../commands/frame.ts';
import { refuse } from '../commands/refusals.ts';

export interface PasswordInput {
	current: string;
	password: string;
	confirm: string;
}

/**
 * Changes a password after checking the current one; every other session of the account is ended
 * (a stolen cookie dies with the old password), the one in use stays, and once committed the other
 * devices' live sockets close (the command's effect). Checking and hashing passwords is slow and
 * asynchronous, so those checks run before the (synchronous) frame, refusing from the same table;
 * the frame then logs the change (never a password) and runs the write in one transaction.
 */
export async function changePassword(
	db: Db,
	actor: Actor | null,
	keepSessionId: string,
	input: PasswordInput,
	now: number
): Promise<CommandOutcome<{ userId: string }>> {
	if (actor?.kind !== 'user') return refuse('not-signed-in');
	const userId = actor.user.id;
	if (!input.current) return refuse('invalid', { current: 'password-required' });
	const user = await first(db.select().from(users).where(eq(users.id, userId)));
	if (!user) return refuse('not-found');
	if (!(await verifyPassword(user.passwordHash, input.current))) {
		return refuse('invalid', { current: 'wrong-current-password' });
	}
	const problem = checkPasswordRules(input.password, user.email);
	if (problem) return refuse('invalid', { password: problem });
	if (input.password !== input.confirm) return refuse('invalid', { confirm: 'password-mismatch' });
	const passwordHash = await hashPassword(input.password);
	return runCommand(db, actor, null, now, {
		type: 'account.password',
		commandId: 'server',
		parse: () => ({ ok: true, value: null }),
		load: async () => ({ ok: true, facts: null, meetingId: null }),
		authorize: (who) => (who.kind === 'user' && who.user.id === userId ? null : 'not-allowed'),
		payload: () => ({}),
		async run({ db: tx }) {
			await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, userId));
			await tx.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
			return { ok: true, result: { userId }, change: null };
		},
		effects: () => [{ userId, exceptSessionId: keepSessionId }]
	});
}
