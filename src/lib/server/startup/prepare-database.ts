import { dirname, join } from 'node:path';
import type { Config } from '../config.ts';
import { openDatabase, type Db } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { upsertUser, findUserByEmail } from '../users/users.ts';
import { verifyPassword } from '../auth/password.ts';
import { seedDemoAccounts, seedDemoRegister, type DemoLogin } from '../demo/seed-demo.ts';
import { seedDemoMeeting } from '../demo/seed-demo-meeting.ts';

export interface PreparedDatabase {
	db: Db;
	/** Demo logins with a flag telling whether the printed password still works. */
	demoLogins: Array<DemoLogin & { stillValid: boolean }>;
}

/** Opens and migrates the database, creates the configured admin and, in demo mode, the demo data. */
export async function prepareDatabase(config: Config): Promise<PreparedDatabase> {
	const db = openDatabase(config.databasePath, { synchronous: config.databaseSynchronous });
	migrateDatabase(db);
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
	return { db, demoLogins };
}
