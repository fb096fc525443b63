import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { commandId, postCard, seedTwoMeetings } from '../helpers/it-fixture.ts';
import { connectProvider, rawSocket, waitFor, type TestProvider } from '../helpers/yjs-client.ts';

// Sync requests as an amplifier, against the real server: one login may hold only so many sockets,
// a repeated sync step 1 is answered with what the client lacks, and a client that keeps asking is
// closed with a transient code while everyone else keeps working.

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof seedTwoMeetings>>;
const providers: TestProvider[] = [];
const sockets: WebSocket[] = [];

const room = () => `${app.wsUrl}/table:${f.tableA}`;
const asAnna = () => ({ origin: app.url, cookie: `denktafel_session=${f.anna.token}` });

function syncStep1(stateVector: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint8Array(e, stateVector);
	return encoding.toUint8Array(e);
}

/** A raw socket that applies every sync frame it receives to its own doc, as a client would. */
async function syncedSocket() {
	const s = rawSocket(room(), asAnna());
	sockets.push(s.ws);
	const doc = new Y.Doc();
	const answers: Uint8Array[] = [];
	s.ws.on('message', (data: Buffer) => {
		const decoder = decoding.createDecoder(new Uint8Array(data));
		if (decoding.readVarUint(decoder) !== 0) return;
		answers.push(new Uint8Array(data));
		syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'server');
	});
	await s.opened;
	return { ...s, doc, answers };
}

beforeAll(async () => {
	data = tempDataDir();
	f = await seedTwoMeetings(data.dbPath);
	app = await startApp(data.dbPath);
	// A board worth asking for: forty cards.
	for (let i = 0; i < 40; i++) {
		const res = await postCard(app.url, f.tableA, f.bram.token, { commandId: commandId(), text: `Kaart ${i} met wat tekst om de borden een echte omvang te geven` });
		expect(res.status).toBe(201);
	}
}, 60_000);

afterAll(async () => {
	for (const p of providers) p.destroy();
	for (const ws of sockets) ws.terminate();
	await app?.stop();
	data?.remove();
});

describe('sync requests', () => {
	it('answers a repeated sync step 1 with only what the client lacks', async () => {
		const s = await syncedSocket();
		await waitFor(() => s.doc.getMap('cards').size === 40, 5000, 'the board');
		const before = s.answers.length;
		// The client already has everything: the answer is an empty update, a few bytes.
		s.ws.send(syncStep1(Y.encodeStateVector(s.doc)));
		await waitFor(() => s.answers.length > before, 5000, 'an answer');
		expect(s.answers[before].byteLength).toBeLessThan(16);
		// An empty state vector asks for everything and gets everything.
		s.ws.send(syncStep1(Y.encodeStateVector(new Y.Doc())));
		await waitFor(() => s.answers.length > before + 1, 5000, 'a second answer');
		expect(s.answers[before + 1].byteLength).toBeGreaterThan(2_000);
		s.ws.close();
	});

	it('closes a client that keeps asking with the transient 1013 and leaves the others alone', async () => {
		const calm = connectProvider(app.wsUrl, `table:${f.tableA}`, { token: f.bram.token, origin: app.url });
		providers.push(calm);
		await waitFor(() => calm.provider.synced, 5000, 'sync');
		const s = await syncedSocket();
		const empty = syncStep1(Y.encodeStateVector(new Y.Doc()));
		for (let i = 0; i < 150 && s.ws.readyState === WebSocket.OPEN; i++) s.ws.send(empty);
		const closed = await s.closed;
		expect(closed).toEqual({ code: 1013, reason: 'too many sync requests' });
		// Beyond its share a request goes unanswered: a few whole-doc answers, not hundreds.
		expect(s.answers.length).toBeLessThan(10);
		expect(calm.closes).toEqual([]);
		expect((await postCard(app.url, f.tableA, f.anna.token, { commandId: commandId(), text: 'Na het vragen' })).status).toBe(201);
		await waitFor(() => calm.cards().some((c) => c.text === 'Na het vragen'), 5000, 'the card');
	});
});

describe('sockets per login', () => {
	it('refuses a participant login its thirteenth socket with 4529, and lets the stock client in once one closes', async () => {
		const held = [];
		for (let i = 0; i < 12; i++) {
			const s = rawSocket(room(), asAnna());
			sockets.push(s.ws);
			await s.opened;
			held.push(s);
		}
		const extra = rawSocket(room(), asAnna());
		sockets.push(extra.ws);
		expect(await extra.closed).toEqual({ code: 4529, reason: 'too many connections' });
		expect(extra.received).toEqual([]);

		// The stock client treats 4529 as transient: it retries, and gets in when a place frees up.
		const tab = connectProvider(app.wsUrl, `table:${f.tableA}`, { token: f.anna.token, origin: app.url });
		providers.push(tab);
		await waitFor(() => tab.closes.some((c) => c.code === 4529), 5000, 'the refusal');
		expect(tab.provider.shouldConnect).toBe(true);
		held[0].ws.close();
		await waitFor(() => tab.provider.synced, 10_000, 'the tab to sync');
		// Another login is not affected by Anna's sockets.
		const other = connectProvider(app.wsUrl, `table:${f.tableA}`, { token: f.bram.token, origin: app.url });
		providers.push(other);
		await waitFor(() => other.provider.synced, 5000, "Bram's sync");
		for (const s of held) s.ws.close();
	}, 30_000);
});
