import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app-server.ts';
import { eventually } from '../helpers/eventually.ts';
import { checkHaproxyConfig, haproxyBinary, haproxyEnv, startHaproxy, type RunningHaproxy } from '../helpers/haproxy.ts';
import { commandId } from '../helpers/it-fixture.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres-server.ts';
import { startRedis, type RunningRedis } from '../helpers/redis-server.ts';
import { seedTwoMeetingsOnPostgres } from '../helpers/seed-two-meetings.ts';
import { connectProvider, waitFor } from '../helpers/yjs-client.ts';

// The production recipe of issue #17 as it ships: deploy/haproxy.cfg, unchanged, in front of two app
// processes on one PostgreSQL and one Redis. HAProxy must send every request of a meeting (a socket's
// `?meeting=`, a command's X-Denktafel-Meeting header) to one process, spread meetings over both, pass
// WebSocket upgrades, and take a dead process out within its health-check time.

const HAPROXY = haproxyBinary();
const HEALTH_CHECK_MS = 2 * 1_000; // deploy/haproxy.cfg: inter 1s, fall 2

let postgres: RunningPostgres;
let redis: RunningRedis;
let proxy: RunningHaproxy;
const apps: Record<string, RunningApp> = {};
let f: Awaited<ReturnType<typeof seedTwoMeetingsOnPostgres>>;

/** Which process answered a request for this meeting, by query parameter or header. */
async function nodeFor(meeting: string, by: 'param' | 'header' = 'param'): Promise<string> {
	const res =
		by === 'param'
			? await fetch(`${proxy.url}/healthz?meeting=${encodeURIComponent(meeting)}`)
			: await fetch(`${proxy.url}/healthz`, { headers: { 'x-denktafel-meeting': meeting } });
	expect(res.status).toBe(200);
	return ((await res.json()) as { node: string }).node;
}

/** A card command as the browser sends it: through the proxy, with the meeting header. */
async function postCard(text: string) {
	const res = await fetch(`${proxy.url}/api/tables/${f.tableA}/cards`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			origin: proxy.url,
			cookie: `denktafel_session=${f.anna.token}`,
			'x-denktafel-meeting': f.meetingA
		},
		body: JSON.stringify({ commandId: commandId(), text })
	});
	return res.status;
}

describe.skipIf(!HAPROXY)('the HAProxy recipe (deploy/haproxy.cfg) in front of two processes', () => {
	beforeAll(async () => {
		[postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
		const url = await postgres.createDatabase();
		f = await seedTwoMeetingsOnPostgres(url);
		const env = (name: string) => ({ REDIS_URL: redis.url, DENKTAFEL_NODE_NAME: name });
		[apps['app-a'], apps['app-b']] = await Promise.all([startApp(url, env('app-a')), startApp(url, env('app-b'))]);
		proxy = await startHaproxy(`127.0.0.1:${apps['app-a'].port}`, `127.0.0.1:${apps['app-b'].port}`);
	});

	afterAll(async () => {
		await proxy?.stop();
		// stop() also fails the run when a room's doc differed from SQL (DENKTAFEL_VERIFY_DOCS in startApp).
		for (const app of Object.values(apps)) await app.stop();
		await Promise.all([postgres?.stop(), redis?.stop()]);
	});

	it('is a valid HAProxy config, and refuses to start without an address for a process', () => {
		const valid = checkHaproxyConfig(haproxyEnv('127.0.0.1:8080', '127.0.0.1:3001', '127.0.0.1:3002'));
		expect(valid.output).toMatch(/Configuration file is valid/);
		expect(valid.ok).toBe(true);
		// Set but empty: a mistake in the environment must stop HAProxy, not run it with one process.
		expect(checkHaproxyConfig(haproxyEnv('127.0.0.1:8080', '', '127.0.0.1:3002')).ok).toBe(false);
	});

	it('sends every request of a meeting to one process, by ?meeting= and by header alike, and spreads meetings over both', async () => {
		const meetings = Array.from({ length: 24 }, (_, i) => `meeting-${i}-${Math.random().toString(36).slice(2, 8)}`);
		const owners = new Set<string>();
		for (const meeting of meetings) {
			const first = await nodeFor(meeting);
			for (let i = 0; i < 3; i++) expect(await nodeFor(meeting)).toBe(first);
			for (let i = 0; i < 3; i++) expect(await nodeFor(meeting, 'header')).toBe(first);
			owners.add(first);
		}
		expect([...owners].sort()).toEqual(['app-a', 'app-b']);
		// Requests of no meeting (pages, assets) go round robin: both processes serve them.
		const anyone = new Set<string>();
		for (let i = 0; i < 6; i++) anyone.add(((await (await fetch(`${proxy.url}/healthz`)).json()) as { node: string }).node);
		expect([...anyone].sort()).toEqual(['app-a', 'app-b']);
	});

	it("passes a stock client's WebSocket to the meeting's process, and after a kill -9 serves the meeting from the other within the health-check time", async () => {
		const owner = await nodeFor(f.meetingA);
		const other = owner === 'app-a' ? 'app-b' : 'app-a';
		const bram = connectProvider(`${proxy.url.replace('http', 'ws')}/yjs`, `table:${f.tableA}?meeting=${f.meetingA}`, {
			token: f.bram.token,
			origin: proxy.url
		});
		try {
			await waitFor(() => bram.provider.synced, 10_000, 'sync through the proxy');
			// The command and the socket meet in the owner's hub: the card arrives over the socket.
			expect(await postCard('Door de proxy')).toBe(201);
			await waitFor(() => bram.cards().some((c) => c.text === 'Door de proxy'), 5_000, 'the card over the socket');

			const killedAt = Date.now();
			await apps[owner].kill();
			// HAProxy's own word that it took the process out (app1 is app-a, app2 app-b), within the
			// health-check time (plus slack for a busy machine).
			const server = owner === 'app-a' ? 'app1' : 'app2';
			await eventually(() => new RegExp(`Server app/${server} is DOWN`).test(proxy.output()), HEALTH_CHECK_MS + 4_000, 'the check to take it out', 50);
			expect(Date.now() - killedAt).toBeLessThan(HEALTH_CHECK_MS + 2_000);
			// Its meetings are served by the other process now, by parameter and header alike.
			for (let i = 0; i < 10; i++) {
				expect(await nodeFor(f.meetingA)).toBe(other);
				expect(await nodeFor(f.meetingA, 'header')).toBe(other);
			}

			// The same client reconnects by itself, through the proxy, to the process that serves the meeting now.
			expect(await postCard('Na de uitval')).toBe(201);
			await waitFor(() => bram.cards().some((c) => c.text === 'Na de uitval'), 10_000, 'the card after the failover');
			expect(bram.cards().map((c) => c.text).sort()).toEqual(['Door de proxy', 'Na de uitval']);
		} finally {
			bram.destroy();
		}
	});
});
