import { dirname, join } from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { closeAppDatabase, migrateAppDatabase, openAppDatabase, postgresOf } from '../db/open.ts';
import { withStartupLock } from '../db/postgres.ts';
import { upsertUser, findUserByEmail } from '../users/users.ts';
import { verifyPassword } from '../auth/password.ts';
import { seedDemoAccounts, seedDemoRegister, type DemoLogin } from '../demo/seed-demo.ts';
import { seedDemoMeeting } from '../demo/seed-demo-meeting.ts';

export interface PreparedDatabase {
	db: Db;
	/** Demo logins with a flag telling whether the printed password still works. */
	demoLogins: Array<DemoLogin & { stillValid: boolean }>;
}

/**
 * Opens and migrates the database, creates the configured admin and, in demo mode, the demo data. On
 * PostgreSQL several processes may start together: migrations run under their own lock, and the rest
 * under a start-up lock, so the admin and the demo data are made once (the later processes find them).
 */
export async function prepareDatabase(config: Config): Promise<PreparedDatabase> {
	const db = openAppDatabase(config);
	try {
		await migrateAppDatabase(db);
		const pg = postgresOf(db);
		const demoLogins = await (pg ? withStartupLock(pg, () => seed(db, config)) : seed(db, config));
		return { db, demoLogins };
	} catch (error) {
		await closeAppDatabase(db).catch(() => {});
		throw error;
	}
}

async function seed(db: Db, config: Config): Promise<PreparedDatabase['demoLogins']> {
	if (config.adminEmail && config.adminPassword) {
		await upsertUser(db, { email: config.adminEmail, name: 'Beheerder', role: 'admin', password: config.adminPassword });
	}
	const demoLogins: PreparedDatabase['demoLogins'] = [];
	if (config.demo) {
		await seedDemoRegister(db);
		const credentialsPath = join(dirname(config.databasePath), 'demo-logins.json');
		for (const login of await seedDemoAccounts(db, credentialsPath)) {
			const user = await findUserByEmail(db, login.email);
			const stillValid = !!user && (await verifyPassword(user.passwordHash, login.password));
			demoLogins.push({ ...login, stillValid });
		}
		const facilitator = await findUserByEmail(db, demoLogins.find((l) => l.role === 'facilitator')?.email ?? '');
		if (facilitator) await seedDemoMeeting(db, facilitator.id);
	}
	return demoLogins;
}
