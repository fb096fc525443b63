import { first } from '../db/query.ts';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users, type Role } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { hashPassword } from '../auth/password.ts';

export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

export function isEmail(email: string): boolean {
	return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

export async function findUserByEmail(db: Db, email: string) {
	return (await first(db.select().from(users).where(eq(users.email, normalizeEmail(email))))) ?? null;
}

export interface NewUser {
	email: string;
	name: string;
	role: Role;
	password: string;
	mustChangePassword?: boolean;
}

export async function createUser(db: Db, input: NewUser): Promise<string> {
	const id = newId();
	const passwordHash = await hashPassword(input.password);
	await db.insert(users)
		.values({
			id,
			email: normalizeEmail(input.email),
			name: input.name,
			role: input.role,
			passwordHash,
			mustChangePassword: input.mustChangePassword ?? false
		});
	return id;
}

/** Creates the account or resets its password, role and enabled state: safe to run at every start. */
export async function upsertUser(db: Db, input: NewUser): Promise<string> {
	const existing = await findUserByEmail(db, input.email);
	if (!existing) return createUser(db, input);
	const passwordHash = await hashPassword(input.password);
	await db.update(users)
		.set({ passwordHash, role: input.role, disabled: false })
		.where(eq(users.id, existing.id));
	return existing.id;
}
