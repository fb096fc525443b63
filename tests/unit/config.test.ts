import { spawnSync } from 'node:child_process';
import { dialectOf } from '../../src/lib/server/db/dialect.ts';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/lib/server/config.ts';

describe('configuration', () => {
	it('runs in demo mode on the embedded file with no configuration at all', () => {
		const c = readConfig({});
		expect(c).toMatchObject({ port: 3000, host: '0.0.0.0', origin: null, publicUrl: null, databasePath: 'data/denktafel.db', demo: true });
	});

	it('reads every documented variable', () => {
		const c = readConfig({
			PORT: '8080', HOST: '127.0.0.1', ORIGIN: 'https://denktafel.example.nl/', PUBLIC_URL: 'https://d.example.nl/',
			DATABASE_PATH: '/var/lib/denktafel/db.sqlite', DENKTAFEL_DEMO: '0',
			DENKTAFEL_ADMIN_EMAIL: 'Beheer@Example.nl', DENKTAFEL_ADMIN_PASSWORD: 'een sterk wachtwoord',
			RATE_LIMIT_LOGIN_PER_IP: '50', RATE_LIMIT_LOGIN_PER_ACCOUNT: '5', RATE_LIMIT_JOIN_PER_IP: '100'
		});
		expect(c).toMatchObject({
			port: 8080, host: '127.0.0.1', origin: 'https://denktafel.example.nl', publicUrl: 'https://d.example.nl',
			databasePath: '/var/lib/denktafel/db.sqlite', demo: false, adminEmail: 'beheer@example.nl',
			rateLimits: { loginPerIpPerMinute: 50, loginPerAccountPer15Minutes: 5, joinPerIpPerMinute: 100 }
		});
	});

	it('refuses invalid values with a message naming the variable', () => {
		expect(() => readConfig({ PORT: 'abc' })).toThrow(/PORT/);
		expect(() => readConfig({ ORIGIN: 'denktafel.nl' })).toThrow(/ORIGIN/);
		expect(() => readConfig({ DENKTAFEL_DEMO: 'misschien' })).toThrow(ConfigError);
		expect(() => readConfig({ DENKTAFEL_ADMIN_EMAIL: 'a@b.nl' })).toThrow(/together/);
		expect(() => readConfig({ WS_PING_INTERVAL_MS: '50' })).toThrow(/WS_PING_INTERVAL_MS/);
	});

	it('pings WebSockets every 30 s unless told otherwise', () => {
		expect(readConfig({}).wsPingIntervalMs).toBe(30_000);
		expect(readConfig({ WS_PING_INTERVAL_MS: '1000' }).wsPingIntervalMs).toBe(1_000);
	});

	it('reads the trust limits and the durability mode, with defaults a venue of a hundred never meets', () => {
		const d = readConfig({});
		expect(d.rateLimits).toMatchObject({ loginPerAccountPer15Minutes: 10, loginUnknownDevicesPer15Minutes: 100, joinPerIpPerMinute: 600, joinGuessCost: 20 });
		expect(d.hub).toEqual({ socketsPerParticipant: 12, socketsPerStaff: 64, syncBurst: 4 });
		expect(d.databaseSynchronous).toBe('normal');
		const c = readConfig({
			RATE_LIMIT_LOGIN_UNKNOWN_DEVICES: '50', RATE_LIMIT_JOIN_GUESS_COST: '30',
			WS_MAX_SOCKETS_PER_PARTICIPANT: '6', WS_MAX_SOCKETS_PER_STAFF: '100', DATABASE_SYNCHRONOUS: 'FULL'
		});
		expect(c.rateLimits).toMatchObject({ loginUnknownDevicesPer15Minutes: 50, joinGuessCost: 30 });
		expect(c.hub).toEqual({ socketsPerParticipant: 6, socketsPerStaff: 100, syncBurst: 4 });
		expect(c.databaseSynchronous).toBe('full');
		expect(() => readConfig({ DATABASE_SYNCHRONOUS: 'off' })).toThrow(/DATABASE_SYNCHRONOUS/);
		expect(() => readConfig({ WS_MAX_SOCKETS_PER_PARTICIPANT: '0' })).toThrow(/WS_MAX_SOCKETS_PER_PARTICIPANT/);
	});

	it('selects PostgreSQL with DATABASE_URL=postgres:// or postgresql://, SQLite when unset, and refuses another scheme', () => {
		expect(readConfig({}).databaseUrl).toBeNull();
		expect(readConfig({ DATABASE_URL: '  ' }).databaseUrl).toBeNull();
		expect(readConfig({ DATABASE_URL: 'postgres://denk:geheim@db:5432/denktafel' }).databaseUrl).toBe('postgres://denk:geheim@db:5432/denktafel');
		expect(readConfig({ DATABASE_URL: 'postgresql://db/denktafel' }).databaseUrl).toBe('postgresql://db/denktafel');
		expect(() => readConfig({ DATABASE_URL: 'file:data/denktafel.db' })).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
		expect(dialectOf(undefined)).toBe('sqlite');
		expect(dialectOf('postgresql://db/denktafel')).toBe('postgres');
		expect(dialectOf('mysql://db/denktafel')).toBe('sqlite');
	});

	it('turns on cluster mode with REDIS_URL only beside PostgreSQL, and names this process for leases and logs', () => {
		const pg = { DATABASE_URL: 'postgres://db/denktafel' };
		expect(readConfig({}).redisUrl).toBeNull();
		expect(readConfig({ ...pg, REDIS_URL: 'redis://cache:6379' }).redisUrl).toBe('redis://cache:6379');
		expect(() => readConfig({ REDIS_URL: 'redis://cache:6379' })).toThrow(/REDIS_URL needs DATABASE_URL/);
		expect(() => readConfig({ ...pg, REDIS_URL: 'http://cache:6379' })).toThrow(/REDIS_URL must be a Redis URL/);
		expect(readConfig({}).nodeName).toMatch(new RegExp(`:${process.pid}$`));
		expect(readConfig({ DENKTAFEL_NODE_NAME: 'app-1' }).nodeName).toBe('app-1');
		expect(() => readConfig({ DENKTAFEL_NODE_NAME: 'app 1; drop' })).toThrow(/DENKTAFEL_NODE_NAME/);
		expect(readConfig({}).clusterRepairMs).toBe(30_000);
	});

	it('refuses the SQLite backup and restore tools on PostgreSQL, pointing to pg_dump', () => {
		for (const tool of ['server/backup.ts', 'server/restore.ts']) {
			const run = spawnSync(process.execPath, [tool, 'copy.db'], {
				env: { ...process.env, DATABASE_URL: 'postgres://db/denktafel' },
				encoding: 'utf8'
			});
			expect(run.status).toBe(1);
			expect(run.stderr).toMatch(/does not work on PostgreSQL .*use pg_dump/);
		}
	});
});
