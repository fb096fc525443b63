import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { commandId, postCard, seedTwoMeetings } from '../helpers/it-fixture.ts';
import { connectProvider, rawSocket, waitFor, type TestProvider } from '../helpers/yjs-client.ts';
import { boardCards } from '../../src/lib/realtime/board-doc.ts';

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof seedTwoMeetings>>;
const open: TestProvider[] = [];

function provider(token: string) {
	const p = connectProvider(app.wsUrl, `table:${f.tableA}`, { token, origin: app.url });
	open.push(p);
	return p;
}

/** A y-websocket awareness message carrying one entry, built by hand as a hostile client would. */
function awarenessFrame(clientID: number, clock: number, state: unknown): Uint8Array {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, 1);
	encoding.writeVarUint(update, clientID);
	encoding.writeVarUint(update, clock);
	encoding.writeVarString(update, JSON.stringify(state));
	const msg = encoding.createEncoder();
	encoding.writeVarUint(msg, 1);
	encoding.writeVarUint8Array(msg, encoding.toUint8Array(update));
	return encoding.toUint8Array(msg);
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

describe('the hub under hostile clients', () => {
	it("neither applies nor broadcasts a client's own document update", async () => {
		const anna = provider(f.anna.token);
		const bram = provider(f.bram.token);
		await waitFor(() => anna.provider.synced && bram.provider.synced, 5000, 'sync');
		// A tampered client writes into its local doc; the provider sends the update to the server.
		boardCards(anna.doc).set('forgedcardaaaaaaaaaa', {
			id: 'forgedcardaaaaaaaaaa', text: 'Vervalst', authorName: 'Facilitator', themeId: null,
			clusterId: null, orderKey: 'a0', createdAt: 0, updatedAt: 0, votes: 99, merged: []
		});
		// A real command afterwards proves the channel works and gives the forgery time to (not) arrive.
		await postCard(app.url, f.tableA, f.bram.token, { commandId: commandId(), text: 'Echt' });
		await waitFor(() => bram.cards().some((c) => c.text === 'Echt'), 5000, 'the real card');
		expect(bram.cards().some((c) => c.id === 'forgedcardaaaaaaaaaa')).toBe(false);
		const fresh = provider(f.bram.token);
		await waitFor(() => fresh.provider.synced, 5000, 'fresh sync');
		expect(fresh.cards().some((c) => c.id === 'forgedcardaaaaaaaaaa')).toBe(false);
	});

	it('replaces a forged presence identity with the real one', async () => {
		const anna = provider(f.anna.token);
		const bram = provider(f.bram.token);
		await waitFor(() => anna.provider.synced && bram.provider.synced, 5000, 'sync');
		anna.provider.awareness.setLocalState({ typing: true, user: { name: 'De Voorzitter', kind: 'admin' } });
		const annaId = anna.doc.clientID;
		await waitFor(() => bram.provider.awareness.getStates().has(annaId), 5000, "Anna's presence");
		const seen = bram.provider.awareness.getStates().get(annaId) as { user: { name: string; kind: string }; typing: boolean };
		expect(seen.user).toMatchObject({ name: 'Anna', kind: 'participant' });
		expect(seen.typing).toBe(true);
	});

	it("does not let one client remove another's presence", async () => {
		const anna = provider(f.anna.token);
		const bram = provider(f.bram.token);
		await waitFor(() => anna.provider.synced && bram.provider.synced, 5000, 'sync');
		anna.provider.awareness.setLocalState({ typing: false });
		const annaId = anna.doc.clientID;
		await waitFor(() => bram.provider.awareness.getStates().has(annaId), 5000, "Anna's presence");
		const attacker = rawSocket(`${app.wsUrl}/table:${f.tableA}`, { origin: app.url, cookie: `denktafel_session=${f.bram.token}` });
		await attacker.opened;
		attacker.ws.send(awarenessFrame(annaId, 1_000_000, null));
		await new Promise((r) => setTimeout(r, 400));
		expect(bram.provider.awareness.getStates().has(annaId)).toBe(true);
		attacker.ws.close();
	});

	it('closes only the connection that sends a frame over 1 MiB', async () => {
		const bram = provider(f.bram.token);
		await waitFor(() => bram.provider.synced, 5000, 'sync');
		const big = rawSocket(`${app.wsUrl}/table:${f.tableA}`, { origin: app.url, cookie: `denktafel_session=${f.anna.token}` });
		await big.opened;
		big.ws.send(new Uint8Array(1024 * 1024 + 16));
		expect((await big.closed).code).toBe(1009);
		const res = await postCard(app.url, f.tableA, f.anna.token, { commandId: commandId(), text: 'Na het grote frame' });
		expect(res.status).toBe(201);
		await waitFor(() => bram.cards().some((c) => c.text === 'Na het grote frame'), 5000, 'the card');
	});

	it('survives 20 garbage binary frames', async () => {
		const bram = provider(f.bram.token);
		await waitFor(() => bram.provider.synced, 5000, 'sync');
		for (let i = 0; i < 20; i++) {
			const junk = rawSocket(`${app.wsUrl}/table:${f.tableA}`, { origin: app.url, cookie: `denktafel_session=${f.anna.token}` });
			await junk.opened;
			const bytes = new Uint8Array(1 + (i * 37) % 200);
			crypto.getRandomValues(bytes);
			bytes[0] = [0, 1, 2, 3, 255][i % 5];
			junk.ws.send(bytes);
			junk.ws.send('not even binary');
			await Promise.race([junk.closed, new Promise((r) => setTimeout(r, 200))]);
			junk.ws.terminate();
		}
		expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
		const res = await postCard(app.url, f.tableA, f.anna.token, { commandId: commandId(), text: 'Nog steeds in de lucht' });
		expect(res.status).toBe(201);
		await waitFor(() => bram.cards().some((c) => c.text === 'Nog steeds in de lucht'), 5000, 'the card');
	});

});
