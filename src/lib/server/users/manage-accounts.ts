import { first } from '../db/query.ts';
import { asc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import { isAdmin } from '../access/policies.ts';
import { runAdmin } from '../access/admin-scope.ts';
import { parseWith, type CommandOutcome } from '../commands/frame.ts';
import { refuse } from '../commands/refusals.ts';
import { newId } from '../ids.ts';
import { findUserByEmail, isEmail, normalizeEmail } from './users.ts';

export const NewFacilitatorSchema = v.object({
	name: v.pipe(v.string('name-required'), v.trim(), v.nonEmpty('name-required'), v.maxLength(100, 'name-too-long')),
	email: v.pipe(v.string('email-invalid'), v.trim(), v.toLowerCase(), v.check(isEmail, 'email-invalid'))
});

type NewFacilitator = v.InferOutput<typeof NewFacilitatorSchema>;

export interface CreatedAccount {
	userId: string;
	email: string;
	/** Shown once, in the admin's response only: the database holds just its hash, the log neither. */
	oneTimePassword: string;
}

/**
 * An admin creates a facilitator account through the frame; the one-time password is shown once and
 * must be changed. Hashing is slow and asynchronous, so it happens before the (synchronous) frame.
 */
export async function createFacilitatorAccount(
	db: Db,
	actor: Actor | null,
	input: unknown,
	now: number
): Promise<CommandOutcome<CreatedAccount>> {
	if (!isAdmin(actor)) return refuse('not-allowed');
	const oneTimePassword = generatePassword();
	const passwordHash = await hashPassword(oneTimePassword);
	return runAdmin<NewFacilitator, CreatedAccount>(db, actor, input, now, {
		type: 'account.create',
		parse: parseWith(NewFacilitatorSchema),
		async run(tx, { name, email }) {
			const normalized = normalizeEmail(email);
			if ((await findUserByEmail(tx, normalized))) return refuse('invalid', { email: 'email-taken' });
			const userId = newId();
			await tx.insert(users)
				.values({ id: userId, email: normalized, name, role: 'facilitator', passwordHash, mustChangePassword: true });
			return { ok: true, result: { userId, email: normalized, oneTimePassword } };
		},
		logged: ({ userId, email }) => ({ userId, email })
	});
}

const ToggleSchema = v.object({ userId: v.string(), disable: v.boolean() });

/**
 * Disables or re-enables an account. Disabling ends every session at once and, once committed, closes
 * the account's live sockets (an effect of the command: it may open no room any more). Admin accounts
 * are managed through configuration, not from the UI.
 */
export async function setAccountDisabled(
	db: Db,
	actor: Actor | null,
	input: unknown,
	now: number
): Promise<CommandOutcome<{ userId: string; email: string; disabled: boolean }>> {
	return runAdmin(db, actor, input, now, {
		type: 'account.disable',
		parse: parseWith(ToggleSchema),
		async run(tx, { userId, disable }) {
			const user = await first(tx.select({ role: users.role, email: users.email }).from(users).where(eq(users.id, userId)));
			if (!user) return refuse('not-found');
			if (user.role === 'admin') return refuse('admin-account-locked');
			await tx.update(users).set({ disabled: disable }).where(eq(users.id, userId));
			if (disable) await tx.delete(sessions).where(eq(sessions.userId, userId));
			return { ok: true, result: { userId, email: user.email, disabled: disable } };
		},
		effects: (result) => (result.disabled ? [{ userId: result.userId }] : [])
	});
}

export async function listAccounts(db: Db) {
	return await db
		.select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled, createdAt: users.createdAt })
		.from(users)
		.orderBy(asc(users.role), asc(users.email));
}
