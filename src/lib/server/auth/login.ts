import type { Db } from '../db/client.ts';
import { findUserByEmail, normalizeEmail } from '../users/users.ts';
import { hashPassword, verifyPassword } from './password.ts';
import type { LoginGuard } from './login-guard.ts';

export type LoginResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'too-many-attempts' | 'invalid-credentials' | 'account-disabled' };

let dummyHash: Promise<string> | null = null;

/**
 * Checks email and password under the login guard: generous per address (a venue shares one),
 * strict per device and per address for failed attempts, so a guesser is slowed and the owner's
 * own browser (device cookie from an earlier login) still gets in.
 */
export async function attemptLogin(
	db: Db,
	input: { email: string; password: string; ip: string; device: string },
	guard: LoginGuard,
	now = Date.now()
): Promise<LoginResult> {
	const attempt = { account: normalizeEmail(input.email), ip: input.ip, device: input.device };
	if (!guard.admitLogin(attempt, now)) return { ok: false, reason: 'too-many-attempts' };
	const user = await findUserByEmail(db, attempt.account);
	// Hash anyway when the account is unknown, so response time does not reveal which emails exist.
	dummyHash ??= hashPassword('denktafel-timing-equaliser');
	const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
	if (!user || !valid) {
		guard.recordFailure(attempt, now);
		return { ok: false, reason: 'invalid-credentials' };
	}
	if (user.disabled) return { ok: false, reason: 'account-disabled' };
	guard.recordSuccess(attempt);
	return { ok: true, userId: user.id };
}
