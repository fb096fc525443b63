import { first } from '#lib/server/db/query.ts';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { rawSocket } from '../helpers/yjs-client.ts';
import { meetings } from '../../src/lib/server/db/schema.ts';
import { closeTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

const ADMIN = { email: 'beheer@it.test', password: 'een lang beheerderswachtwoord' };
const ADMIN_ENV = { DENKTAFEL_ADMIN_EMAIL: ADMIN.email, DENKTAFEL_ADMIN_PASSWORD: ADMIN.password };

/**
 * Posts the login form as a browser without JavaScript would (Accept: text/html; SvelteKit answers
 * other requests to a form action with JSON). node:http rather than fetch, which cannot set Host.
 */
function postLogin(app: RunningApp, fields: { email: string; password: string }, headers: Record<string, string> = {}) {
	const body = new URLSearchParams(fields).toString();
	return new Promise<{ status: number; cookie: string; text: string }>((resolve, reject) => {
		const req = request(
			`${app.url}/login`,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
					accept: 'text/html',
					origin: app.url,
					...headers
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: (res.headers['set-cookie'] ?? []).join('\n'), text }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

function sessionToken(setCookie: string): string {
	return /denktafel_session=([^;]+)/.exec(setCookie)?.[1] ?? '';
}

describe('with no ORIGIN configured (demo, venue network over plain http)', () => {
	let app: RunningApp;
	let data: ReturnType<typeof tempDataDir>;
	beforeAll(async () => {
		data = tempDataDir();
		app = await startApp(data.dbPath, { ...ADMIN_ENV, RATE_LIMIT_LOGIN_PER_ACCOUNT: '3', RATE_LIMIT_LOGIN_PER_IP: '1000' });
	});
	afterAll(async () => {
		await app?.stop();
		data?.remove();
	});

	it('logs in from another device by its own address, with an HttpOnly, SameSite=Lax, non-Secure cookie', async () => {
		const host = `denktafel-lan.test:${app.port}`;
		const res = await postLogin(app, ADMIN, { host, origin: `http://${host}` });
		expect(res.status).toBe(303);
		expect(res.cookie).toMatch(/denktafel_session=[a-z2-7]{32}/);
		expect(res.cookie).toMatch(/HttpOnly/i);
		expect(res.cookie).toMatch(/SameSite=Lax/i);
		expect(res.cookie).not.toMatch(/Secure/i);
	});

	it('refuses a form posted from a foreign origin', async () => {
		const res = await postLogin(app, ADMIN, { origin: 'http://evil.example' });
		expect(res.status).toBe(403);
		expect(res.cookie).toBe('');
	});

	it('says in Dutch, or in English when chosen, that the password is wrong', async () => {
		const nl = await postLogin(app, { email: 'niemand@it.test', password: 'fout wachtwoord' });
		expect([400, 401]).toContain(nl.status);
		expect(nl.text).toContain('E-mailadres of wachtwoord klopt niet.');
		const en = await postLogin(app, { email: 'niemand@it.test', password: 'fout wachtwoord' }, { cookie: 'PARAGLIDE_LOCALE=en' });
		expect(en.text).toContain('Email address or password is incorrect.');
	});

	it('locks an account after repeated failures with 429, even for the right password', async () => {
		for (let i = 0; i < 3; i++) {
			expect((await postLogin(app, { email: ADMIN.email, password: `fout-${i}-wachtwoord` })).status).not.toBe(429);
		}
		const locked = await postLogin(app, { email: ADMIN.email, password: 'nog een keer fout' });
		expect(locked.status).toBe(429);
		expect(locked.text).toContain('Te veel pogingen');
		expect((await postLogin(app, ADMIN)).status).toBe(429);
		// Other accounts at the same venue IP are not affected.
		expect((await postLogin(app, { email: 'ander@it.test', password: 'iets anders' })).status).not.toBe(429);
	});

	it('answers unknown pages with 404 and protected pages with a redirect to the login', async () => {
		expect((await fetch(`${app.url}/bestaat-niet`)).status).toBe(404);
		const res = await fetch(`${app.url}/meetings`, { redirect: 'manual' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
	});

	it('reports health with a database round trip, and hides /metrics when no token is configured', async () => {
		// `node` names the process (host:pid unless DENKTAFEL_NODE_NAME is set), for operators behind a proxy.
		expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: 'ok', database: 'ok', node: expect.stringMatching(/^.+:\d+$/) });
		expect((await fetch(`${app.url}/metrics`)).status).toBe(404);
	});

	it('sends security headers on every page', async () => {
		const res = await fetch(`${app.url}/login`);
		expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
		// Plain http on a venue network: no HSTS, which would pin a LAN address to https.
		const redirect = await fetch(`${app.url}/meetings`, { redirect: 'manual' });
		for (const r of [res, redirect]) {
			expect(r.headers.get('x-frame-options')).toBe('DENY');
			expect(r.headers.get('strict-transport-security')).toBeNull();
		}
	});
});

describe('with ORIGIN set (production behind https)', () => {
	const ORIGIN = 'https://denktafel.example.nl';
	let app: RunningApp;
	let data: ReturnType<typeof tempDataDir>;
	beforeAll(async () => {
		data = tempDataDir();
		app = await startApp(data.dbPath, { ...ADMIN_ENV, ORIGIN, DENKTAFEL_DEMO: '1', METRICS_TOKEN: 'metriek-geheim' });
	});
	afterAll(async () => {
		await app?.stop();
		data?.remove();
	});

	it('accepts forms from exactly that origin and sets a Secure cookie', async () => {
		const res = await postLogin(app, ADMIN, { origin: ORIGIN });
		expect(res.status).toBe(303);
		expect(res.cookie).toMatch(/Secure/i);
		expect((await postLogin(app, ADMIN, { origin: app.url })).status).toBe(403);
	});

	it('serves /metrics only for the configured bearer token', async () => {
		expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
		expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer fout' } })).status).toBe(401);
		const res = await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer metriek-geheim' } });
		expect(res.status).toBe(200);
		expect(await res.text()).toMatch(/^denktafel_meetings 2$/m); // the two demo meetings
	});

	it('opens WebSockets only for that origin', async () => {
		const { cookie } = await postLogin(app, ADMIN, { origin: ORIGIN });
		const token = sessionToken(cookie);
		const db = openTestDatabase(app.dbPath);
		const meetingId = (await first(db.select({ id: meetings.id }).from(meetings)))!.id;
		await closeTestDatabase(db);
		const room = `${app.wsUrl}/meeting:${meetingId}`;
		const foreign = rawSocket(room, { origin: app.url, cookie: `denktafel_session=${token}` });
		expect((await foreign.closed).code).toBe(4403);
		const own = rawSocket(room, { origin: ORIGIN, cookie: `denktafel_session=${token}` });
		await own.opened;
		await new Promise((r) => setTimeout(r, 200));
		expect(own.received.length).toBeGreaterThan(0); // sync step 1 and the document state
		own.ws.close();
	});
});

describe('rate limits per IP', () => {
	let app: RunningApp;
	let data: ReturnType<typeof tempDataDir>;
	beforeAll(async () => {
		data = tempDataDir();
		app = await startApp(data.dbPath, { RATE_LIMIT_LOGIN_PER_IP: '5', RATE_LIMIT_JOIN_PER_IP: '3', DENKTAFEL_DEMO: '1' });
	});
	afterAll(async () => {
		await app?.stop();
		data?.remove();
	});

	it('answers the login beyond the per-IP limit with 429', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await postLogin(app, { email: `p${i}@it.test`, password: 'wat dan ook' })).status);
		expect(statuses.slice(0, 5)).not.toContain(429);
		expect(statuses[5]).toBe(429);
	});
});
