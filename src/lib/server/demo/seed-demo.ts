import { first } from '../db/query.ts';
import { transaction } from '../db/transaction.ts';
import { count } from 'drizzle-orm';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from '../db/client.ts';
import { partnershipRegions, partnershipSectors, partnerships, regions, users } from '../db/schema.ts';
import { generatePassword } from '../auth/password.ts';
import { newId } from '../ids.ts';
import { createUser, findUserByEmail } from '../users/users.ts';
import { DEMO_PARTNERSHIPS, DEMO_REGIONS } from './register.ts';

export const DEMO_FACILITATOR_EMAIL = 'facilitator@demo.denktafel.nl';
export const DEMO_ADMIN_EMAIL = 'beheer@demo.denktafel.nl';

export interface DemoLogin {
	email: string;
	password: string;
	role: 'facilitator' | 'admin';
}

/** Fills an empty register with the made-up demo partnerships and regions. */
export async function seedDemoRegister(db: Db): Promise<void> {
	const existing = (await first(db.select({ n: count() }).from(partnerships)))?.n ?? 0;
	if (existing > 0) return;
	await transaction(db, async (tx) => {
		const regionIds = new Map<string, string>();
		for (const name of DEMO_REGIONS) {
			const id = newId();
			regionIds.set(name, id);
			await tx.insert(regions).values({ id, name });
		}
		for (const p of DEMO_PARTNERSHIPS) {
			const id = newId();
			await tx.insert(partnerships).values({ id, name: p.name });
			for (const sector of p.sectors) await tx.insert(partnershipSectors).values({ partnershipId: id, sector });
			for (const r of p.regions) {
				await tx.insert(partnershipRegions).values({ partnershipId: id, regionId: regionIds.get(r)! });
			}
		}
	});
}

/**
 * Creates the demo accounts on first start with generated passwords (stored hashed), and keeps the
 * plain passwords in a private file beside the database so a later start can show them again.
 */
export async function seedDemoAccounts(db: Db, credentialsPath: string): Promise<DemoLogin[]> {
	const saved: DemoLogin[] = existsSync(credentialsPath)
		? (JSON.parse(readFileSync(credentialsPath, 'utf8')) as DemoLogin[])
		: [];
	const wanted: Array<Omit<DemoLogin, 'password'> & { name: string }> = [
		{ email: DEMO_FACILITATOR_EMAIL, role: 'facilitator', name: 'Demo-facilitator' },
		{ email: DEMO_ADMIN_EMAIL, role: 'admin', name: 'Demo-beheerder' }
	];
	const logins: DemoLogin[] = [];
	for (const account of wanted) {
		const known = saved.find((s) => s.email === account.email);
		if ((await findUserByEmail(db, account.email))) {
			if (known) logins.push(known);
			continue;
		}
		const password = generatePassword();
		await createUser(db, { ...account, password });
		logins.push({ email: account.email, role: account.role, password });
	}
	mkdirSync(dirname(credentialsPath), { recursive: true });
	writeFileSync(credentialsPath, JSON.stringify(logins, null, 2), { mode: 0o600 });
	chmodSync(credentialsPath, 0o600);
	return logins;
}

export async function hasUsers(db: Db): Promise<boolean> {
	return ((await first(db.select({ n: count() }).from(users)))?.n ?? 0) > 0;
}
