import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { commandId, postCard, seedTwoMeetings } from '../helpers/it-fixture.ts';
import { connectProvider, rawSocket, waitFor, type TestProvider } from '../helpers/yjs-client.ts';

// The hub's limits against the real server: floods, oversized messages, sockets that never speak,
// and thousands of connections coming and going. Each abuser is closed; bystanders keep working.

const PING_MS = 400;
const METRICS_TOKEN = 'limits-test-token';
let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof seedTwoMeetings>>;
const open: TestProvider[] = [];

const room = () => `${app.wsUrl}/table:${f.tableA}`;
const asAnna = () => ({ origin: app.url, cookie: `denktafel_session=${f.anna.token}` });

function bystander(): TestProvider {
	const p = connectProvider(app.wsUrl, `table:${f.tableA}`, { token: f.bram.token, origin: app.url });
	open.push(p);
	return p;
}

/** Proves a bystander still receives what the server writes. */
async function cardReaches(p: TestProvider, text: string) {
	expect((await postCard(app.url, f.tableA, f.anna.token, { commandId: commandId(), text })).status).toBe(201);
	await waitFor(() => p.cards().some((c) => c.text === text), 5000, `"${text}" to arrive`);
}

async function hubConnections(): Promise<number> {
	const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
	const text = await res.text();
	return Number(/^denktafel_hub_connections (\d+)$/m.exec(text)?.[1] ?? NaN);
}

beforeAll(async () => {
	data = tempDataDir();
	f = await seedTwoMeetings(data.dbPath);
	// 2,000 sockets of one login measure memory here; the per-login cap has its own test (trust-hub).
	app = await startApp(data.dbPath, { METRICS_TOKEN, WS_MAX_SOCKETS_PER_PARTICIPANT: '10000' });
});

afterAll(async () => {
	for (const p of open) p.destroy();
	await app?.stop();
	data?.remove();
});

describe('hub limits on the real server', () => {
	it('closes a flooding connection with the transient 1013 and leaves the others alone', async () => {
		const calm = bystander();
		// The flooder's own other tab: the limit is per connection, not per person.
		const sameCookie = connectProvider(app.wsUrl, `table:${f.tableA}`, { token: f.anna.token, origin: app.url });
		open.push(sameCookie);
		await waitFor(() => calm.provider.synced && sameCookie.provider.synced, 5000, 'sync');
		const flood = rawSocket(room(), asAnna());
		await flood.opened;
		// Well-formed frames (awareness queries), far past the per-connection burst.
		const query = new Uint8Array([3]);
		for (let i = 0; i < 2_000 && flood.ws.readyState === WebSocket.OPEN; i++) flood.ws.send(query);
		const closed = await flood.closed;
		expect(closed.code).toBe(1013);
		expect(calm.provider.wsconnected).toBe(true);
		expect(calm.closes).toEqual([]);
		expect(sameCookie.closes).toEqual([]);
		await cardReaches(calm, 'Na de vloed');
		await waitFor(() => sameCookie.cards().some((c) => c.text === 'Na de vloed'), 5000, 'the card in the other tab');
	});

	it('closes a message over 1 MiB sent in fragments with 1009', async () => {
		const calm = bystander();
		await waitFor(() => calm.provider.synced, 5000, 'sync');
		const big = rawSocket(room(), asAnna());
		await big.opened;
		const chunk = new Uint8Array(300 * 1024);
		for (let i = 0; i < 4; i++) big.ws.send(chunk, { binary: true, fin: i === 3 });
		expect((await big.closed).code).toBe(1009);
		expect(calm.closes).toEqual([]);
		await cardReaches(calm, 'Na het gebroken grote bericht');
	});

	it('stays up through 2,000 connections opened and dropped; count and memory return', async () => {
		const calm = bystander();
		await waitFor(() => calm.provider.synced, 5000, 'sync');
		const baseline = await hubConnections();
		expect(baseline).toBeGreaterThanOrEqual(1);
		const rssBefore = app.rssBytes();

		async function round(): Promise<number> {
			const sockets: WebSocket[] = [];
			for (let batch = 0; batch < 20; batch++) {
				const opened = Array.from({ length: 100 }, () => {
					const s = rawSocket(room(), asAnna());
					sockets.push(s.ws);
					return s.opened;
				});
				await Promise.all(opened);
			}
			expect(await hubConnections()).toBe(baseline + 2_000);
			console.log(`2,000 open: RSS ${(app.rssBytes() / 2 ** 20).toFixed(0)} MiB`);
			// Half hang up politely, half just vanish.
			sockets.forEach((s, i) => (i % 2 ? s.close() : s.terminate()));
			const deadline = Date.now() + 15_000;
			while ((await hubConnections()) !== baseline) {
				if (Date.now() > deadline) throw new Error(`connections stayed at ${await hubConnections()}`);
				await new Promise((r) => setTimeout(r, 100));
			}
			return app.rssBytes();
		}
		const t0 = Date.now();
		const after = await round();
		// 2,000 sockets cost some 20 KB each while open; once they are gone, so is most of that.
		expect(after - rssBefore).toBeLessThan(32 * 1024 * 1024);
		expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
		expect(calm.closes).toEqual([]);
		await cardReaches(calm, 'Na tweeduizend verbindingen');
		console.log(`2,000 connections in ${Date.now() - t0} ms: RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(after / 2 ** 20).toFixed(0)} MiB`);
	}, 60_000);
});

describe('sockets that never speak', () => {
	// A server of its own with a short ping period: the default (30 s) is too long to wait for, and a
	// short one would cut the thousands of sockets above while the test process is busy opening them.
	let quiet: RunningApp;
	let quietData: ReturnType<typeof tempDataDir>;
	beforeAll(async () => {
		quietData = tempDataDir();
		f = await seedTwoMeetings(quietData.dbPath);
		await app.stop();
		app = quiet = await startApp(quietData.dbPath, { WS_PING_INTERVAL_MS: String(PING_MS) });
	});
	afterAll(async () => {
		await quiet?.stop();
		quietData?.remove();
	});

	it('cuts a socket that never speaks and answers no ping; a quiet stock client stays', async () => {
		const calm = bystander();
		await waitFor(() => calm.provider.synced, 5000, 'sync');
		const silent = new WebSocket(room(), { headers: asAnna(), autoPong: false });
		const closed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));
		await new Promise((resolve, reject) => {
			silent.once('open', resolve);
			silent.once('error', reject);
		});
		const t0 = Date.now();
		// Cut without a close handshake (1006 on this side) after one unanswered ping period.
		expect(await closed).toBe(1006);
		expect(Date.now() - t0).toBeLessThan(PING_MS * 4 + 2_000);
		expect(calm.provider.wsconnected).toBe(true);
		expect(calm.closes).toEqual([]);
	});

});
