import { closeDatabase } from '../../src/lib/server/db/client.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/lib/server/config.ts';
import { prepareDatabase } from '../../src/lib/server/startup/prepare-database.ts';
import { listAccounts } from '../../src/lib/server/users/manage-accounts.ts';
import { findUserByEmail } from '../../src/lib/server/users/users.ts';
import { verifyPassword } from '../../src/lib/server/auth/password.ts';
import { listPartnerships } from '../../src/lib/server/register/partnerships.ts';
import { listMeetingsFor } from '../../src/lib/server/meetings/queries.ts';

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}) {
	const dir = mkdtempSync(join(tmpdir(), 'denktafel-start-'));
	dirs.push(dir);
	return { dir, config: readConfig({ DATABASE_PATH: join(dir, 'data', 'denktafel.db'), ...extra }) };
}

describe('start-up', () => {
	it('creates the database folder, migrates, and loads demo data with generated logins', async () => {
		const { dir, config } = env();
		const first = await prepareDatabase(config);
		expect(existsSync(join(dir, 'data', 'denktafel.db'))).toBe(true);
		expect(first.demoLogins.map((l) => l.role).sort()).toEqual(['admin', 'facilitator']);
		for (const login of first.demoLogins) {
			const user = await findUserByEmail(first.db, login.email);
			expect(user?.passwordHash).not.toContain(login.password);
			expect(await verifyPassword(user!.passwordHash, login.password)).toBe(true);
		}
		const file = join(dir, 'data', 'demo-logins.json');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect((await listPartnerships(first.db)).length).toBeGreaterThanOrEqual(10);
		expect((await listPartnerships(first.db)).some((p) => p.sectors.length > 1 && p.regions.length >= 1)).toBe(true);
		const facilitator = (await findUserByEmail(first.db, first.demoLogins.find((l) => l.role === 'facilitator')!.email))!;
		expect(await listMeetingsFor(first.db, facilitator)).toHaveLength(2);
		closeDatabase(first.db);

		// A later start shows the same logins and adds nothing twice.
		const second = await prepareDatabase(config);
		expect(second.demoLogins.map((l) => l.password).sort()).toEqual(first.demoLogins.map((l) => l.password).sort());
		expect(second.demoLogins.every((l) => l.stillValid)).toBe(true);
		expect(await listAccounts(second.db)).toHaveLength(2);
		expect(await listMeetingsFor(second.db, facilitator)).toHaveLength(2);
		expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(2);
		closeDatabase(second.db);
	});

	it('creates the configured admin once and updates its password on a later start', async () => {
		const { config } = env({ DENKTAFEL_DEMO: '0', DENKTAFEL_ADMIN_EMAIL: 'beheer@platform.nl', DENKTAFEL_ADMIN_PASSWORD: 'eerste wachtwoord' });
		const a = await prepareDatabase(config);
		expect(a.demoLogins).toEqual([]);
		closeDatabase(a.db);
		const b = await prepareDatabase({ ...config, adminPassword: 'tweede wachtwoord' });
		const admins = await listAccounts(b.db);
		expect(admins).toHaveLength(1);
		expect(admins[0]).toMatchObject({ email: 'beheer@platform.nl', role: 'admin', disabled: false });
		const user = (await findUserByEmail(b.db, 'beheer@platform.nl'))!;
		expect(await verifyPassword(user.passwordHash, 'tweede wachtwoord')).toBe(true);
		expect(await verifyPassword(user.passwordHash, 'eerste wachtwoord')).toBe(false);
		expect(await listPartnerships(b.db)).toEqual([]);
		closeDatabase(b.db);
	});
});
