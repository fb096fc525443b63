import { asc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import { generatePassword } from '../auth/password.ts';
import { createUser, findUserByEmail, isEmail, normalizeEmail } from './users.ts';

export const NewFacilitatorSchema = v.object({
	name: v.pipe(v.string('name-required'), v.trim(), v.nonEmpty('name-required'), v.maxLength(100, 'name-too-long')),
	email: v.pipe(v.string('email-invalid'), v.trim(), v.toLowerCase(), v.check(isEmail, 'email-invalid'))
});

export type CreateAccountResult =
	| { ok: true; userId: string; email: string; oneTimePassword: string }
	| { ok: false; errors: Partial<Record<'name' | 'email', string>> };

/** An admin creates a facilitator account; the one-time password is shown once and must be changed. */
export async function createFacilitatorAccount(db: Db, input: unknown): Promise<CreateAccountResult> {
	const parsed = v.safeParse(NewFacilitatorSchema, input);
	if (!parsed.success) {
		const errors: Partial<Record<'name' | 'email', string>> = {};
		for (const issue of parsed.issues) {
			const key = issue.path?.[0]?.key as 'name' | 'email' | undefined;
			if (key) errors[key] ??= issue.message;
		}
		return { ok: false, errors };
	}
	const email = normalizeEmail(parsed.output.email);
	if (findUserByEmail(db, email)) return { ok: false, errors: { email: 'email-taken' } };
	const oneTimePassword = generatePassword();
	const userId = await createUser(db, {
		email,
		name: parsed.output.name,
		role: 'facilitator',
		password: oneTimePassword,
		mustChangePassword: true
	});
	return { ok: true, userId, email, oneTimePassword };
}

/** Disabling ends every session at once; the caller also closes the account's live sockets. */
export function setAccountDisabled(db: Db, userId: string, disabled: boolean): boolean {
	const user = db.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
	// Admin accounts are managed through configuration, not disabled from the UI.
	if (!user || user.role === 'admin') return false;
	db.transaction((tx) => {
		tx.update(users).set({ disabled }).where(eq(users.id, userId)).run();
		if (disabled) tx.delete(sessions).where(eq(sessions.userId, userId)).run();
	});
	return true;
}

export function listAccounts(db: Db) {
	return db
		.select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled, createdAt: users.createdAt })
		.from(users)
		.orderBy(asc(users.role), asc(users.email))
		.all();
}
