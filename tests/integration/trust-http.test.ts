import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { postCard } from '../helpers/it-fixture.ts';
import { facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import { connectProvider, rawSocket, waitFor, type TestProvider } from '../helpers/yjs-client.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { createUser } from '../../src/lib/server/users/users.ts';
import { commandId } from '../helpers/it-fixture.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// What a curious or hostile visitor tried over plain HTTP and raw sockets, against the real server:
// redirects, broken cookies, invisible cards, guessing join codes and passwords, sessions that
// should end, and what a shared venue laptop keeps in its cache.

const ADMIN = { email: 'beheer@trust.test', password: 'een lang beheerderswachtwoord' };
const FACILITATOR = { email: 'fien@trust.test', password: 'correct horse battery' };

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let db: Db;
let meeting: { meetingId: string; tableId: string; joinCode: string; userId: string };
let anna: { id: string; token: string };
const open: TestProvider[] = [];

/** Every request names its client address, as the proxy would (ADDRESS_HEADER is set). */
function send(path: string, init: { method?: string; form?: Record<string, string>; cookie?: string; ip?: string; json?: unknown } = {}) {
	const headers: Record<string, string> = { 'x-forwarded-for': init.ip ?? '10.0.0.1', origin: app.url, accept: 'text/html' };
	if (init.cookie) headers.cookie = init.cookie;
	let body: string | undefined;
	if (init.form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(init.form).toString();
	} else if (init.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(init.json);
	}
	return fetch(`${app.url}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
}

const cookieOf = (res: Response, name: string) => new RegExp(`${name}=([^;]+)`).exec(res.headers.getSetCookie().join('\n'))?.[1] ?? null;

async function logIn(credentials: { email: string; password: string }, opts: { ip?: string; device?: string | null } = {}) {
	const res = await send('/login', { form: credentials, ip: opts.ip, cookie: opts.device ? `denktafel_device=${opts.device}` : undefined });
	return { status: res.status, session: cookieOf(res, 'denktafel_session'), device: cookieOf(res, 'denktafel_device') ?? opts.device ?? null };
}

function provider(room: string, token: string): TestProvider {
	const p = connectProvider(app.wsUrl, room, { token, origin: app.url });
	open.push(p);
	return p;
}

beforeAll(async () => {
	data = tempDataDir();
	db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	meeting = await facilitatorWithMeeting(db, { email: FACILITATOR.email, title: 'Vertrouwen' });
	const joined = await joinAs(db, meeting.joinCode, 'Anna');
	anna = { id: joined.participantId, token: (await signIn(db, { participantId: joined.participantId })).token };
	await createUser(db, { email: 'guus@trust.test', name: 'Guus', role: 'facilitator', password: 'guus zijn wachtwoord' });
	app = await startApp(data.dbPath, {
		DENKTAFEL_ADMIN_EMAIL: ADMIN.email,
		DENKTAFEL_ADMIN_PASSWORD: ADMIN.password,
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1'
	});
}, 60_000);

afterAll(async () => {
	for (const p of open) p.destroy();
	await app?.stop();
	if (db) await closeTestDatabase(db);
	data?.remove();
});

describe('redirect targets beyond Latin-1', () => {
	it('redirects the language switch to /日本 and /€ %-encoded instead of answering 500', async () => {
		for (const [target, location] of [['/日本', '/%E6%97%A5%E6%9C%AC'], ['/€?x=€', '/%E2%82%AC?x=%E2%82%AC']]) {
			const res = await send('/language', { form: { locale: 'en', redirectTo: target } });
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe(location);
		}
	});

	it('logs in with redirectTo=/日本 and lands there, %-encoded', async () => {
		expect((await send(`/login?redirectTo=${encodeURIComponent('/日本')}`)).status).toBe(200);
		const res = await send('/login', { form: { ...ADMIN, redirectTo: '/日本' }, ip: '10.0.7.1' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/%E6%97%A5%E6%9C%AC');
	});
});

describe('a session cookie that is not valid %-encoding', () => {
	it('closes the upgrade with 4401, quietly', async () => {
		const before = app.output().length;
		for (const cookie of ['denktafel_session=%E0%A4%A', 'denktafel_session=%']) {
			const s = rawSocket(`${app.wsUrl}/table:${meeting.tableId}`, { cookie, origin: app.url });
			expect((await s.closed).code).toBe(4401);
		}
		expect(app.output().slice(before)).not.toMatch(/authorizing an upgrade failed|URIError/);
	});
});

describe('cards of invisible characters', () => {
	it('refuses them when added and when edited, and keeps real text', async () => {
		const invisible = ['\u200b\u200b', '\u2060', '\u2800\u2800', '\u3164', '\u115f', '\u200e\u200f', ' \u00ad\ufeff '];
		for (const text of invisible) {
			const res = await postCard(app.url, meeting.tableId, anna.token, { commandId: commandId(), text });
			expect(res.status, JSON.stringify(text)).toBe(422);
		}
		const real = await postCard(app.url, meeting.tableId, anna.token, { commandId: commandId(), text: 'Echte\u200b vraag' });
		expect(real.status).toBe(201);
		const cardId = (real.body as { card?: { id: string }; result?: { card: { id: string } } }).card?.id ?? (real.body as { result: { card: { id: string } } }).result.card.id;
		const edit = await send(`/api/tables/${meeting.tableId}/commands`, {
			json: { commandId: commandId(), type: 'card.edit', cardId, text: '\u2800' },
			cookie: `denktafel_session=${anna.token}`
		});
		expect(edit.status).toBe(422);
	});

	it('refuses a display name of invisible characters when joining', async () => {
		const res = await send(`/join/${meeting.joinCode}`, {
			form: { displayName: '\u3164\u3164', partnership: 'Partnerschap IJsselkracht', sector: 'po' },
			ip: '10.0.9.9'
		});
		// Invalid input, from the one refusal table (through the form door).
		expect(res.status).toBe(422);
	});
});

/** A well-formed join code that is not the meeting's. */
function guess(i: number): string {
	const a = 'ACDEFGHJKMNPQRTUVWXY34679';
	const code = `QQ${a[i % 25]}${a[Math.floor(i / 25) % 25]}XY`;
	return code === meeting.joinCode ? 'QQQQQQ' : code;
}

describe('join codes', () => {
	it('lets a hundred people behind one address join within a minute', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 100; i++) {
			statuses.push((await send(`/join/${meeting.joinCode}`, { ip: '10.1.0.1' })).status);
			statuses.push((await send('/', { form: { code: meeting.joinCode }, ip: '10.1.0.1' })).status);
		}
		expect(statuses.filter((s) => s === 429)).toEqual([]);
	}, 30_000);

	it('stops a guesser after a few dozen misses, per address, and a miss costs more than a join', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 100; i++) statuses.push((await send(`/join/${guess(i)}`, { ip: '10.2.0.1' })).status);
		const firstRefusal = statuses.indexOf(429);
		expect(firstRefusal).toBeGreaterThan(5);
		// 100 successes passed above; far fewer misses do (a miss now and then as the budget refills).
		expect(firstRefusal).toBeLessThan(50);
		expect(statuses.filter((s) => s === 404).length).toBeLessThan(40);
		// The right code from the guesser's address waits too; the code form on / as well.
		expect((await send(`/join/${meeting.joinCode}`, { ip: '10.2.0.1' })).status).toBe(429);
		expect((await send('/', { form: { code: meeting.joinCode }, ip: '10.2.0.1' })).status).toBe(429);
		// Everyone else is unaffected.
		expect((await send(`/join/${meeting.joinCode}`, { ip: '10.2.0.2' })).status).toBe(200);
	}, 30_000);

	it('charges misses on the code form on the home page too', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 60; i++) statuses.push((await send('/', { form: { code: guess(i) }, ip: '10.3.0.1' })).status);
		expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
		expect(statuses).toContain(429);
	}, 30_000);
});

describe('logins: throttle the guesser, not the owner', () => {
	it("lets the owner's browser in after someone else's ten wrong passwords", async () => {
		const own = await logIn({ email: 'guus@trust.test', password: 'guus zijn wachtwoord' }, { ip: '10.4.0.1' });
		expect(own.status).toBe(303);
		expect(own.device).toMatch(/^[a-z2-7]{32}$/);
		const guesses: number[] = [];
		for (let i = 0; i < 12; i++) guesses.push((await logIn({ email: 'guus@trust.test', password: `fout ${i} wachtwoord` }, { ip: '10.4.0.66' })).status);
		expect(guesses.slice(0, 10).every((s) => s === 401)).toBe(true);
		expect(guesses.slice(10)).toEqual([429, 429]);
		// The guesser's right guess would not help them now, from their address and device.
		expect((await logIn({ email: 'guus@trust.test', password: 'guus zijn wachtwoord' }, { ip: '10.4.0.66' })).status).toBe(429);
		// The owner's browser that signed in before gets in, even from the guesser's address.
		expect((await logIn({ email: 'guus@trust.test', password: 'guus zijn wachtwoord' }, { ip: '10.4.0.66', device: own.device })).status).toBe(303);
		// So does the owner on a new browser from another address.
		expect((await logIn({ email: 'guus@trust.test', password: 'guus zijn wachtwoord' }, { ip: '10.4.0.2' })).status).toBe(303);
	}, 60_000);

	it('counts wrong current passwords on /account/password as failed logins', async () => {
		const { session } = await logIn(FACILITATOR, { ip: '10.5.0.1' });
		expect(session).not.toBeNull();
		const statuses: number[] = [];
		for (let i = 0; i < 12; i++) {
			const res = await send('/account/password', {
				form: { current: `geraden ${i} wachtwoord`, password: 'een nieuw lang wachtwoord', confirm: 'een nieuw lang wachtwoord' },
				cookie: `denktafel_session=${session}`,
				ip: '10.5.0.1'
			});
			statuses.push(res.status);
		}
		expect(statuses.slice(0, 10).every((s) => s === 422)).toBe(true);
		expect(statuses.slice(10)).toEqual([429, 429]);
	}, 60_000);
});

describe('sessions that end', () => {
	it("closes the other devices' sockets when the password changes, and keeps this one's", async () => {
		const here = await logIn({ email: 'guus@trust.test', password: 'guus zijn wachtwoord' }, { ip: '10.6.0.1' });
		const there = await logIn({ email: 'guus@trust.test', password: 'guus zijn wachtwoord' }, { ip: '10.6.0.2' });
		const guus = (await db.select().from((await import('../../src/lib/server/db/schema.ts')).users)).find((u) => u.email === 'guus@trust.test')!;
		// Guus co-facilitates the meeting, so he may open its facilitation room.
		const { addCoFacilitator } = await import('../helpers/fixtures.ts');
		await addCoFacilitator(db, meeting.meetingId, guus.id);
		const stolen = provider(`facilitation:${meeting.meetingId}`, there.session!);
		const mine = provider(`facilitation:${meeting.meetingId}`, here.session!);
		await waitFor(() => stolen.provider.synced && mine.provider.synced, 5000, 'both synced');
		const res = await send('/account/password', {
			form: { current: 'guus zijn wachtwoord', password: 'een heel ander wachtwoord', confirm: 'een heel ander wachtwoord' },
			cookie: `denktafel_session=${here.session}`,
			ip: '10.6.0.1'
		});
		expect(res.status).toBe(200);
		await waitFor(() => stolen.closes.some((c) => c.code === 4401), 5000, 'the stolen session to be closed');
		expect(mine.closes).toEqual([]);
		expect(mine.provider.wsconnected).toBe(true);
	}, 30_000);

	it("closes a disabled account's sockets", async () => {
		const fien = await logIn(FACILITATOR, { ip: '10.6.1.1' });
		const live = provider(`facilitation:${meeting.meetingId}`, fien.session!);
		await waitFor(() => live.provider.synced, 5000, 'synced');
		const admin = await logIn(ADMIN, { ip: '10.6.1.2' });
		const res = await send('/admin/accounts?/toggle', {
			form: { userId: meeting.userId, disable: 'true' },
			cookie: `denktafel_session=${admin.session}`,
			ip: '10.6.1.2'
		});
		expect(res.status).toBe(200);
		await waitFor(() => live.closes.some((c) => c.code === 4401), 5000, 'the disabled account to be closed');
	}, 30_000);
});

describe('what a shared laptop keeps', () => {
	it('sends no-store on signed-in pages, result endpoints and reports', async () => {
		const admin = await logIn(ADMIN, { ip: '10.7.0.1' });
		const cookie = `denktafel_session=${admin.session}`;
		for (const path of ['/meetings', '/admin/accounts', `/api/meetings/${meeting.meetingId}/report/md`]) {
			const res = await send(path, { cookie, ip: '10.7.0.1' });
			expect(res.status, path).toBeLessThan(400);
			expect(res.headers.get('cache-control'), path).toContain('no-store');
		}
	});
});
