import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { commandId, postCard, seedTwoMeetings } from '../helpers/it-fixture.ts';
import { connectProvider, waitFor, type TestProvider } from '../helpers/yjs-client.ts';

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof seedTwoMeetings>>;
const open: TestProvider[] = [];

function provider(room: string, token: string) {
	const p = connectProvider(app.wsUrl, room, { token, origin: app.url });
	open.push(p);
	return p;
}

beforeAll(async () => {
	data = tempDataDir();
	f = await seedTwoMeetings(data.dbPath);
	app = await startApp(data.dbPath);
});

afterAll(async () => {
	for (const p of open) p.destroy();
	await app?.stop();
	data?.remove();
});

describe('cards travel as commands, boards as Yjs', () => {
	it("delivers a card added by one participant's command to another participant's provider", async () => {
		const bram = provider(`table:${f.tableA}`, f.bram.token);
		await waitFor(() => bram.provider.synced, 5000, 'sync');
		const res = await postCard(app.url, f.tableA, f.anna.token, { commandId: commandId(), text: 'Wie houdt de regie op kwaliteit?' });
		expect(res.status).toBe(201);
		await waitFor(() => bram.cards().some((c) => c.text === 'Wie houdt de regie op kwaliteit?'), 5000, 'the card');
		expect(bram.cards().find((c) => c.id === (res.body?.card as { id: string }).id)?.authorName).toBe('Anna');
	});

	it('applies the same command id once: 201, then 200 with the same card', async () => {
		const id = commandId();
		const first = await postCard(app.url, f.tableA, f.anna.token, { commandId: id, text: 'Dubbel verstuurd' });
		const second = await postCard(app.url, f.tableA, f.anna.token, { commandId: id, text: 'Dubbel verstuurd' });
		expect([first.status, second.status]).toEqual([201, 200]);
		expect((second.body?.card as { id: string }).id).toBe((first.body?.card as { id: string }).id);
		const list = await fetch(`${app.url}/api/tables/${f.tableA}/cards`, { headers: { cookie: `denktafel_session=${f.anna.token}` } });
		const cards = ((await list.json()) as { cards: Array<{ text: string }> }).cards;
		expect(cards.filter((c) => c.text === 'Dubbel verstuurd')).toHaveLength(1);
	});

	it('answers refusals with status codes that mean what they say', async () => {
		expect((await postCard(app.url, f.tableA, null, { commandId: commandId(), text: 'x' })).status).toBe(401);
		expect((await postCard(app.url, f.tableA, f.carla.token, { commandId: commandId(), text: 'x' })).status).toBe(403);
		expect((await postCard(app.url, 'nosuchtableaaaaaaaaa', f.anna.token, { commandId: commandId(), text: 'x' })).status).toBe(404);
		const empty = await postCard(app.url, f.tableA, f.anna.token, { commandId: commandId(), text: '' });
		expect(empty.status).toBe(422);
		expect(empty.body?.message).toBe('Schrijf eerst je vraag.');
		expect((await postCard(app.url, f.tableA, f.anna.token, '{not json')).status).toBe(400);
	});

	it('lets the facilitator add a card that participants see live', async () => {
		const anna = provider(`table:${f.tableA}`, f.anna.token);
		await waitFor(() => anna.provider.synced, 5000, 'sync');
		const res = await postCard(app.url, f.tableA, f.facilitator, { commandId: commandId(), text: 'Van de facilitator' });
		expect(res.status).toBe(201);
		await waitFor(() => anna.cards().some((c) => c.text === 'Van de facilitator'), 5000, 'the card');
	});
});
