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
});
