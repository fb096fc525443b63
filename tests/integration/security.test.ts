import { first } from '#lib/server/db/query.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { eq } from 'drizzle-orm';
import { eventually } from '../helpers/eventually.ts';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import { commandId } from '../helpers/it-fixture.ts';
import { connectProvider, rawSocket, waitFor } from '../helpers/yjs-client.ts';
import { meetings } from '../../src/lib/server/db/schema.ts';
import { issueProjectorToken } from '../../src/lib/server/meetings/projector-token.ts';
import { addQuestion } from '../../src/lib/server/polls/add-question.ts';
import { submitAnswers } from '../../src/lib/server/polls/submit-answers.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// Sessions (fixation, logout), cross-site forms, exports against spreadsheet formulas, and the
// operations surface (headers, request ids, JSON logs, /metrics) on the real server behind an https
// ORIGIN. Login brute force (429 per account and per IP) is in auth-and-origins.test.ts.

const ORIGIN = 'https://denktafel.example.nl';
const EMAIL = 'fien@security.test';
const PASSWORD = 'correct horse battery';
const METRICS_TOKEN = 'metriek-geheim-1234';
const EVIL = '=HYPERLINK("http://evil.example","klik")';

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: { meetingId: string; tableId: string; joinCode: string; participant: string; participantToken: string; projector: string };

beforeAll(async () => {
	data = tempDataDir();
	const db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	const made = await facilitatorWithMeeting(db, { email: EMAIL, title: 'Sessie <b>veilig</b>' });
	const person = await joinAs(db, made.joinCode, EVIL);
	const owner = (await signIn(db, { userId: made.userId })).actor;
	const question = await addQuestion(db, owner, made.meetingId, { commandId: commandId(), key: 'wens', type: 'text', prompt: 'Wat wil je kwijt?' }, Date.now());
	if (!question.ok) throw new Error('question');
	const answered = await submitAnswers(db, (await signIn(db, { participantId: person.participantId })).actor, made.meetingId, {
		commandId: commandId(),
		answers: [{ questionId: question.value.question.id, value: '@SUM(A1:A9)' }]
	}, Date.now());
	if (!answered.ok) throw new Error('answer');
	const projector = await issueProjectorToken(db, owner, made.meetingId, Date.now());
	if (!projector.ok) throw new Error(projector.reason);
	f = {
		meetingId: made.meetingId,
		tableId: made.tableId,
		joinCode: made.joinCode,
		participant: person.participantId,
		participantToken: (await signIn(db, { participantId: person.participantId })).token,
		projector: projector.token
	};
	await closeTestDatabase(db);
	app = await startApp(data.dbPath, { ORIGIN, METRICS_TOKEN });
}, 60_000);

afterAll(async () => {
	await app?.stop();
	data?.remove();
});

const cookie = (token: string) => `denktafel_session=${token}`;
const tokenIn = (res: Response) => /denktafel_session=([a-z2-7]+)/.exec(res.headers.getSetCookie().join('\n'))?.[1] ?? null;

async function login(extra: Record<string, string> = {}) {
	return fetch(`${app.url}/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: ORIGIN, ...extra },
		body: new URLSearchParams({ email: EMAIL, password: PASSWORD }).toString(),
		redirect: 'manual'
	});
}

function get(path: string, token?: string, headers: Record<string, string> = {}) {
	return fetch(`${app.url}${path}`, { headers: { ...(token ? { cookie: cookie(token) } : {}), ...headers }, redirect: 'manual' });
}

async function roomClose(room: string, token: string) {
	const s = rawSocket(`${app.wsUrl}/${room}`, { origin: ORIGIN, cookie: cookie(token) });
	s.opened.catch(() => {});
	return (await s.closed).code;
}

describe('joining twice', () => {
	it('tells a participant who opens the join link again that they are in, and leads them back, instead of making a second them', async () => {
		const again = await (await get(`/join/${f.joinCode}`, f.participantToken)).text();
		expect(again).toContain('Je doet al mee als');
		expect(again).toMatch(new RegExp(`href="/(tables/${f.tableId}|meetings/${f.meetingId}/tables)"`));
		const stranger = await (await get(`/join/${f.joinCode}`)).text();
		expect(stranger).not.toContain('Je doet al mee');
		expect(stranger).toContain('Je naam');
	});
});

describe('sessions', () => {
	it('never keeps a session cookie brought to the login: a new token, and the old session ends', async () => {
		// An unknown token planted by someone else, and a valid participant session on a shared laptop.
		const planted = 'a'.repeat(32);
		const fixed = await login({ cookie: cookie(planted) });
		expect(fixed.status).toBe(303);
		expect(tokenIn(fixed)).not.toBe(planted);
		expect(tokenIn(fixed)).toMatch(/^[a-z2-7]{32}$/);

		const before = await login({ cookie: cookie(f.participantToken) });
		expect(before.status).toBe(303);
		const staff = tokenIn(before)!;
		expect(staff).not.toBe(f.participantToken);
		expect((await get('/meetings', staff)).status).toBe(200);
		// The participant's session is over: pages send them to the start, sockets are refused.
		const page = await get(`/tables/${f.tableId}`, f.participantToken);
		expect([page.status, page.headers.get('location')]).toEqual([303, '/?reason=signed-out']);
		expect(await roomClose(`table:${f.tableId}`, f.participantToken)).toBe(4401);
	});

	it('ends the session at logout for pages, endpoints and open sockets', async () => {
		const token = tokenIn(await login())!;
		const live = connectProvider(app.wsUrl, `facilitation:${f.meetingId}`, { token, origin: ORIGIN });
		await waitFor(() => live.provider.synced, 5000, 'the facilitation room');
		const out = await fetch(`${app.url}/logout`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: ORIGIN, cookie: cookie(token) },
			redirect: 'manual'
		});
		expect(out.status).toBe(303);
		expect(out.headers.getSetCookie().join()).toMatch(/denktafel_session=;.*Max-Age=0/i);
		await waitFor(() => live.closes.some((c) => c.code === 4401), 5000, 'the socket closed at logout');
		live.destroy();
		expect((await get('/meetings', token)).headers.get('location')).toMatch(/^\/login/);
		expect((await get(`/api/meetings/${f.meetingId}/poll/results`, token)).status).toBe(401);
		expect(await roomClose(`facilitation:${f.meetingId}`, token)).toBe(4401);
	});
});

describe('cross-site requests', () => {
	it("refuses a form posted from another site with the facilitator's cookie, and changes nothing", async () => {
		const token = tokenIn(await login())!;
		for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
			const res = await fetch(`${app.url}/meetings/${f.meetingId}?/details`, {
				method: 'POST',
				headers: { 'content-type': type, origin: 'https://evil.example', cookie: cookie(token), accept: 'text/html' },
				body: type.startsWith('multipart') ? '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nOvergenomen\r\n--x--\r\n' : 'title=Overgenomen',
				redirect: 'manual'
			});
			expect(res.status).toBe(403);
		}
		// A JSON command from another site: refused too (a browser would need CORS, which we never grant).
		const api = await fetch(`${app.url}/api/meetings/${f.meetingId}/status`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'https://evil.example', cookie: cookie(token) },
			body: JSON.stringify({ commandId: commandId(), action: 'close' })
		});
		expect(api.status).toBe(403);
		expect(api.headers.get('access-control-allow-origin')).toBeNull();
		const db = openTestDatabase(app.dbPath);
		const row = (await first(db.select().from(meetings).where(eq(meetings.id, f.meetingId))))!;
		await closeTestDatabase(db);
		expect([row.title, row.status]).toEqual(['Sessie <b>veilig</b>', 'open']);
	});
});

describe('exports against spreadsheet formulas', () => {
	const DANGEROUS = /^[=+\-@\t\r]/;

	it('downloads CSV and XLSX over HTTP with every formula-like cell turned into text', async () => {
		const token = tokenIn(await login())!;
		const csvRes = await get(`/api/meetings/${f.meetingId}/exports/responses.csv`, token);
		expect(csvRes.status).toBe(200);
		const csv = await csvRes.text();
		const cells = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter: ';' }).data.flat();
		expect(cells).toContain(`'${EVIL}`);
		expect(cells).toContain("'@SUM(A1:A9)");
		expect(cells.filter((c) => DANGEROUS.test(c))).toEqual([]);

		const xlsxRes = await get(`/api/meetings/${f.meetingId}/exports/responses.xlsx`, token);
		expect(xlsxRes.status).toBe(200);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await xlsxRes.arrayBuffer()) as ArrayBuffer);
		const values: unknown[] = [];
		book.eachSheet((sheet) =>
			sheet.eachRow((row) =>
				row.eachCell((cell) => {
					expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
					values.push(cell.value);
				})
			)
		);
		expect(values).toContain(`'${EVIL}`);
		expect(values).toContain("'@SUM(A1:A9)");
		expect(values.filter((v) => typeof v === 'string' && DANGEROUS.test(v))).toEqual([]);
	});
});

describe('operations', () => {
	it('sends the security headers on pages, redirects, errors and endpoints, with HSTS under an https ORIGIN', async () => {
		const page = await get('/login');
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(csp).toMatch(/frame-ancestors 'none'/);
		expect(csp).toMatch(/object-src 'none'/);
		expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
		expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
		for (const res of [page, await get('/meetings'), await get('/bestaat-niet'), await get('/healthz'), await get('/favicon.svg')]) {
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(res.headers.get('referrer-policy')).toBe('same-origin');
			expect(res.headers.get('x-frame-options')).toBe('DENY');
			expect(res.headers.get('permissions-policy')).toMatch(/camera=\(\)/);
			expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
		}
	});

	it('honours a sane x-request-id, makes one otherwise, and logs one JSON line per request without secrets', async () => {
		const given = await get(`/present/${f.meetingId}?token=${f.projector}`, undefined, { 'x-request-id': 'proxy-req-42' });
		expect(given.status).toBe(200);
		expect(given.headers.get('x-request-id')).toBe('proxy-req-42');
		const made = await get(`/join/${f.joinCode}`, undefined, { 'x-request-id': `kwaad <script> ${'x'.repeat(200)}` });
		expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
		await waitFor(() => app.output().includes(made.headers.get('x-request-id')!), 3000, 'the log line');
		const lines = app
			.output()
			.split('\n')
			.filter((l) => l.startsWith('{'))
			.map((l) => JSON.parse(l) as Record<string, unknown>);
		expect(lines.find((l) => l.requestId === 'proxy-req-42')).toMatchObject({
			msg: 'request',
			method: 'GET',
			path: `/present/${f.meetingId}`,
			status: 200,
			ms: expect.any(Number)
		});
		expect(lines.find((l) => l.requestId === made.headers.get('x-request-id'))).toMatchObject({ path: '/join/…', status: 200 });
		expect(app.output()).not.toContain(f.projector);
		expect(app.output()).not.toContain(f.joinCode);
	});

	it('counts connections, rooms, frames, commands, votes, persisted updates and HTTP latency in /metrics', async () => {
		const metrics = async () => {
			const res = await get('/metrics', undefined, { authorization: `Bearer ${METRICS_TOKEN}` });
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
			const text = await res.text();
			return (name: string) => Number(new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
		};
		expect((await get('/metrics')).status).toBe(401);
		const before = await metrics();
		const staff = tokenIn(await login())!;
		const db = openTestDatabase(app.dbPath);
		const voter = (await signIn(db, { participantId: (await joinAs(db, f.joinCode, 'Vera')).participantId })).token;
		await closeTestDatabase(db);
		const board = connectProvider(app.wsUrl, `table:${f.tableId}`, { token: voter, origin: ORIGIN });
		await waitFor(() => board.provider.synced, 5000, 'the board');
		const post = (token: string, body: Record<string, unknown>) =>
			fetch(`${app.url}/api/tables/${f.tableId}/commands`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: ORIGIN, cookie: cookie(token) },
				body: JSON.stringify({ commandId: commandId(), ...body })
			});
		expect((await post(voter, { type: 'card.add', text: 'Wie houdt de regie?' })).status).toBe(200);
		await waitFor(() => board.cards().length === 1, 5000, 'the card on the board');
		expect((await post(staff, { type: 'phase.set', phase: 'vote' })).status).toBe(200);
		const cardId = (await (await get(`/api/tables/${f.tableId}/cards`, voter)).json()).cards[0].id;
		expect((await post(voter, { type: 'vote.cast', cardId })).status).toBe(200);

		const after = await metrics();
		expect(after('denktafel_hub_connections')).toBe(1);
		expect(after('denktafel_hub_rooms')).toBeGreaterThanOrEqual(1);
		expect(after('denktafel_commands_total{type="card.add"}')).toBe((before('denktafel_commands_total{type="card.add"}') || 0) + 1);
		expect(after('denktafel_votes_total')).toBe(before('denktafel_votes_total') + 1);
		expect(after('denktafel_hub_frames_total{direction="out"}')).toBeGreaterThan(before('denktafel_hub_frames_total{direction="out"}') || 0);
		expect(after('denktafel_hub_frames_total{direction="in"}')).toBeGreaterThan(0);
		expect(after('denktafel_hub_persisted_total{kind="update"}')).toBeGreaterThan(before('denktafel_hub_persisted_total{kind="update"}') || 0);
		expect(after('denktafel_hub_connections_opened_total')).toBeGreaterThan(before('denktafel_hub_connections_opened_total'));
		expect(after('denktafel_http_request_duration_seconds_count')).toBeGreaterThan(before('denktafel_http_request_duration_seconds_count') + 4);
		board.destroy();
	});
});

describe('a path nobody serves', () => {
	it('answers 404 without logging it as an error with a stack', async () => {
		const res = await fetch(`${app.url}/favicon.ico`);
		expect(res.status).toBe(404);
		await res.arrayBuffer();
		await eventually(() => /"path":"\/favicon.ico","status":404/.test(app.output()), 5_000, 'the request log line');
		expect(app.output()).not.toMatch(/unhandled error.*favicon/);
	});
});
