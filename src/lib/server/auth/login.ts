import type { Db } from '../db/client.ts';
import { findUserByEmail, normalizeEmail } from '../users/users.ts';
import { hashPassword, verifyPassword } from './password.ts';
import type { TokenBucket } from './rate-limit.ts';

export type LoginResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'too-many-attempts' | 'invalid-credentials' | 'account-disabled' };

let dummyHash: Promise<string> | null = null;

/**
 * Checks email and password under two limits: generous per IP (a venue shares one), strict per account
 * (failed attempts only, so the owner is not locked out by their own successes).
 */
export async function attemptLogin(
	db: Db,
	input: { email: string; password: string; ip: string },
	limits: { perIp: TokenBucket; perAccount: TokenBucket },
	now = Date.now()
): Promise<LoginResult> {
	const email = normalizeEmail(input.email);
	if (!limits.perIp.consume(input.ip, now)) return { ok: false, reason: 'too-many-attempts' };
	if (limits.perAccount.exhausted(email, now)) return { ok: false, reason: 'too-many-attempts' };
	const user = findUserByEmail(db, email);
	// Hash anyway when the account is unknown, so response time does not reveal which emails exist.
	dummyHash ??= hashPassword('denktafel-timing-equaliser');
	const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
	if (!user || !valid) {
		limits.perAccount.consume(email, now);
		return { ok: false, reason: 'invalid-credentials' };
	}
	if (user.disabled) return { ok: false, reason: 'account-disabled' };
	return { ok: true, userId: user.id };
}
