import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app-server.ts';
import { commandId, postCard, seedTwoMeetings } from '../helpers/it-fixture.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres-server.ts';
import { ON_POSTGRES } from '../helpers/test-db.ts';
import pgClient from 'pg';

// PostgreSQL goes away under a running app and comes back. While it is down, commands and pages answer
// 503 with a sentence saying so (never a 500, never a half-written command); afterwards the app serves
// again by itself, and the command the client sends again with the same id is applied once. Its own
// cluster, since this test stops it (the run's shared one serves the other files).

let pg: RunningPostgres;
let app: RunningApp;
let f: Awaited<ReturnType<typeof seedTwoMeetings>>;

async function cardTexts(): Promise<string[]> {
	const res = await fetch(`${app.url}/api/tables/${f.tableA}/cards`, { headers: { cookie: `denktafel_session=${f.anna.token}` } });
	expect(res.status).toBe(200);
	return ((await res.json()) as { cards: Array<{ text: string }> }).cards.map((c) => c.text).sort();
}

describe.skipIf(!ON_POSTGRES)('PostgreSQL down under a running app', () => {
	beforeAll(async () => {
		pg = await startPostgres();
		const url = await pg.createDatabase();
		// The harness runs PostgreSQL without waiting for the WAL flush (speed); a crash test needs the
		// server's real promise: a commit it acknowledged survives its crash.
		const client = new pgClient.Client({ connectionString: pg.adminUrl });
		await client.connect();
		await client.query(`ALTER DATABASE ${new URL(url).pathname.slice(1)} SET synchronous_commit = on`);
		await client.end();
		f = await seedTwoMeetings(url);
		app = await startApp(url);
	});

	afterAll(async () => {
		await app?.stop();
		await pg?.stop();
	});

	it('answers 503 while it is down, writes nothing, and applies the retried command once when it is back', async () => {
		expect((await postCard(app.url, f.tableA, f.anna.token, { commandId: commandId(), text: 'Voor de storing' })).status).toBe(201);

		await pg.stopServer({ mode: 'fast' });
		const retried = commandId();
		const down = await postCard(app.url, f.tableA, f.anna.token, { commandId: retried, text: 'Tijdens de storing' });
		expect(down.status).toBe(503);
		expect(down.body).toMatchObject({ error: 'database-unavailable' });
		expect(String(down.body?.message)).toMatch(/database is even niet bereikbaar/);

		// A page: the session lookup in the hooks fails; a sentence, not a stack trace, and 503.
		const page = await fetch(`${app.url}/`, { headers: { cookie: `denktafel_session=${f.anna.token}` } });
		expect(page.status).toBe(503);
		expect(await page.text()).toMatch(/database is even niet bereikbaar/);
		expect((await fetch(`${app.url}/healthz`)).status).toBe(503);

		await pg.startServer();
		const back = await postCard(app.url, f.tableA, f.anna.token, { commandId: retried, text: 'Tijdens de storing' });
		expect(back.status).toBe(201);
		// Once more: a replay (200), not a second card.
		const again = await postCard(app.url, f.tableA, f.anna.token, { commandId: retried, text: 'Tijdens de storing' });
		expect(again.status).toBe(200);
		expect(await cardTexts()).toEqual(['Tijdens de storing', 'Voor de storing']);
	});

	it('loses no acknowledged card when PostgreSQL crashes during a burst, and applies each retried one once', async () => {
		const seen = new Set<number>();
		const acknowledged: string[] = [];
		let crashed = false;
		// Two participants add cards one after another, as fast as answers come; a refused one (503, or the
		// connection cut) is sent again with the same command id until it is acknowledged.
		const writer = async (who: 'anna' | 'bram', count: number) => {
			for (let i = 0; i < count; i++) {
				const body = { commandId: commandId(), text: `${who} ${i} tijdens de crash` };
				for (;;) {
					const answer = await postCard(app.url, f.tableA, f[who].token, body).catch(() => ({ status: 0, body: null }));
					seen.add(answer.status);
					if (answer.status === 201 || answer.status === 200) {
						acknowledged.push(body.text);
						break;
					}
					await new Promise((r) => setTimeout(r, 100));
				}
			}
		};
		const crash = (async () => {
			while (acknowledged.length < 15) await new Promise((r) => setTimeout(r, 5));
			await pg.stopServer({ mode: 'immediate' });
			crashed = true;
			await new Promise((r) => setTimeout(r, 500));
			await pg.startServer();
		})();
		await Promise.all([writer('anna', 40), writer('bram', 40), crash]);
		expect(crashed).toBe(true);
		// Answers were acknowledgements or a clear "database unavailable", never a 500 nor a dead server (0:
		// the app used to exit on the unhandled error of a connection lent to a transaction).
		expect([...seen].filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
		expect(seen.has(503)).toBe(true);
		const texts = await cardTexts();
		for (const text of acknowledged) expect(texts.filter((t) => t === text)).toHaveLength(1);
		expect(texts.filter((t) => t.endsWith('tijdens de crash'))).toHaveLength(80);
	});
});
