import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { commandId, postCard, seedTwoMeetings } from '../helpers/it-fixture.ts';
import { connectProvider, waitFor } from '../helpers/yjs-client.ts';

let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof seedTwoMeetings>>;
let app: RunningApp | null = null;

beforeAll(async () => {
	data = tempDataDir();
	f = await seedTwoMeetings(data.dbPath);
});

afterAll(async () => {
	await app?.stop();
	data?.remove();
});

async function cardTexts(base: string, token: string): Promise<string[]> {
	const res = await fetch(`${base}/api/tables/${f.tableA}/cards`, { headers: { cookie: `denktafel_session=${token}` } });
	return ((await res.json()) as { cards: Array<{ text: string }> }).cards.map((c) => c.text);
}

describe('a restart', () => {
	it('keeps the cards, and a connected client converges without duplicates', async () => {
		app = await startApp(data.dbPath);
		const port = app.port;
		const bram = connectProvider(app.wsUrl, `table:${f.tableA}`, { token: f.bram.token, origin: app.url });
		await waitFor(() => bram.provider.synced, 5000, 'sync');
		for (const text of ['Voor de herstart 1', 'Voor de herstart 2']) {
			expect((await postCard(app.url, f.tableA, f.anna.token, { commandId: commandId(), text })).status).toBe(201);
		}
		await waitFor(() => bram.cards().length === 2, 5000, 'two cards');

		const t0 = Date.now();
		expect(await app.stop('SIGTERM')).toBe(0);
		expect(Date.now() - t0).toBeLessThan(10_000);

		app = await startApp(data.dbPath, {}, port);
		expect((await postCard(app.url, f.tableA, f.anna.token, { commandId: commandId(), text: 'Na de herstart' })).status).toBe(201);
		// The same provider reconnects by itself and picks up where it was.
		await waitFor(() => bram.cards().length === 3, 15_000, 'the card added after the restart');
		const ids = bram.cards().map((c) => c.id);
		expect(new Set(ids).size).toBe(3);
		expect(bram.cards().map((c) => c.text).sort()).toEqual((await cardTexts(app.url, f.anna.token)).sort());
		bram.destroy();
	});

	it('loses no acknowledged card when the process is killed mid-burst', async () => {
		app ??= await startApp(data.dbPath);
		const port = app.port;
		const acknowledged: string[] = [];
		const burst = (async () => {
			for (let i = 0; i < 400; i++) {
				const text = `Burst ${i}`;
				try {
					const res = await postCard(app!.url, f.tableA, f.anna.token, { commandId: commandId(), text });
					if (res.status === 201) acknowledged.push(text);
				} catch {
					return; // the server is gone
				}
			}
		})();
		await waitFor(() => acknowledged.length >= 20, 10_000, 'a burst under way');
		await app.kill();
		await burst;
		app = await startApp(data.dbPath, {}, port);
		const stored = new Set(await cardTexts(app.url, f.anna.token));
		expect(acknowledged.filter((t) => !stored.has(t))).toEqual([]);
		// And the board doc is reconciled with SQL on load: a fresh client sees every stored card.
		const fresh = connectProvider(app.wsUrl, `table:${f.tableA}`, { token: f.bram.token, origin: app.url });
		await waitFor(() => fresh.provider.synced, 5000, 'sync');
		expect(fresh.cards().length).toBe(stored.size);
		fresh.destroy();
	});
});
