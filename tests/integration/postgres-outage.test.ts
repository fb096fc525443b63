import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app-server.ts';
import { commandId, postCard, seedTwoMeetings } from '../helpers/it-fixture.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres-server.ts';
import { ON_POSTGRES } from '../helpers/test-db.ts';

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
});
