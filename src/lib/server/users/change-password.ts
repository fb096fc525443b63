import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import { checkPasswordRules, hashPassword, verifyPassword } from '../auth/password.ts';

export type ChangePasswordResult =
	| { ok: true }
	| { ok: false; errors: Partial<Record<'current' | 'password' | 'confirm', string>> };

/**
 * Changes a password after checking the current one; every other session of the account is ended
 * (a stolen cookie dies with the old password), the one in use stays.
 */
export async function changePassword(
	db: Db,
	userId: string,
	keepSessionId: string,
	input: { current: string; password: string; confirm: string }
): Promise<ChangePasswordResult> {
	const user = db.select().from(users).where(eq(users.id, userId)).get();
	if (!user) return { ok: false, errors: { current: 'not-found' } };
	if (!(await verifyPassword(user.passwordHash, input.current))) {
		return { ok: false, errors: { current: 'wrong-current-password' } };
	}
	const problem = checkPasswordRules(input.password, user.email);
	if (problem) return { ok: false, errors: { password: problem } };
	if (input.password !== input.confirm) return { ok: false, errors: { confirm: 'password-mismatch' } };
	const passwordHash = await hashPassword(input.password);
	db.transaction((tx) => {
		tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, userId)).run();
		tx.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))).run();
	});
	return { ok: true };
}
