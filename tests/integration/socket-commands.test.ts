import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { commandId, seedTwoMeetings } from '../helpers/it-fixture.ts';
import { openCommander, type Commander } from '../helpers/socket-commander.ts';
import { connectProvider, rawSocket, waitFor, type TestProvider } from '../helpers/yjs-client.ts';
import { joinAs, LIFE, signIn } from '../helpers/fixtures.ts';
import { validateSessionToken } from '../../src/lib/server/auth/session.ts';
import { sessionIdFromToken } from '../../src/lib/server/auth/tokens.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { closeTestDatabase, openTestDatabase } from '../helpers/test-db.ts';
import { first } from '../../src/lib/server/db/query.ts';
import { cards, meetings, sessions, votes } from '../../src/lib/server/db/schema.ts';
import { issueProjectorToken } from '../../src/lib/server/meetings/projector-token.ts';
import { COMMAND_MESSAGE, encodeCommand, type CommandAnswer } from '../../src/lib/realtime/command-wire.ts';
import { talliesMap } from '../../src/lib/realtime/facilitation-board.ts';
import type { NoAnswer } from '../../src/lib/realtime/socket-commands.ts';

// Commands over the room socket (issue #18), against the real server: the JSON a browser would POST to
// /api/tables/<id>/commands, sent as a frame on its table room's socket, runs through the same frame
// (replay, per-person limit, refusals, metrics) and answers with the status and body POST would.

const METRICS_TOKEN = 'metrics-token-for-socket-commands';
const PER_MINUTE = 60;

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof seedTwoMeetings>>;
let extra: { dora: string; eef: string; gijs: string; projector: string };
let db: Db;
const open: Array<Commander | TestProvider> = [];

beforeAll(async () => {
	data = tempDataDir();
	f = await seedTwoMeetings(data.dbPath);
	db = openTestDatabase(data.dbPath);
	const joinCode = (await first(db.select({ code: meetings.joinCode }).from(meetings).where(eq(meetings.id, f.meetingA))))!.code;
	const person = async (name: string) => (await signIn(db, { participantId: (await joinAs(db, joinCode, name)).participantId })).token;
	const { actor: facilitator } = await validateSessionToken(db, f.facilitator, LIFE);
	const projector = await issueProjectorToken(db, facilitator, f.meetingA, Date.now());
	if (!projector.ok) throw new Error('no projector link');
	extra = { dora: await person('Dora'), eef: await person('Eef'), gijs: await person('Gijs'), projector: projector.token };
	app = await startApp(data.dbPath, { METRICS_TOKEN, RATE_LIMIT_COMMANDS_PER_PERSON: String(PER_MINUTE) });
}, 60_000);

afterAll(async () => {
	for (const c of open) c.destroy();
	await app?.stop();
	if (db) await closeTestDatabase(db);
	data?.remove();
});

const cookie = (token: string, locale?: string) =>
	`denktafel_session=${token}${locale ? `; PARAGLIDE_LOCALE=${locale}` : ''}`;

async function commander(token: string | null, room = `table:${f.tableA}`, locale?: string, query?: Record<string, string>) {
	const c = await openCommander(app.wsUrl, room, { cookie: token ? cookie(token, locale) : undefined, origin: app.url, query });
	open.push(c);
	return c;
}

/** The same command through the HTTP door, as the browser sent it before #18. */
async function post(token: string, body: Record<string, unknown>, tableId = f.tableA, locale?: string) {
	const res = await fetch(`${app.url}/api/tables/${tableId}/commands`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url, cookie: cookie(token, locale) },
		body: JSON.stringify(body)
	});
	return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
}

function answered(outcome: CommandAnswer | NoAnswer): CommandAnswer {
	if (typeof outcome === 'string') throw new Error(`no answer on the socket: ${outcome}`);
	return outcome;
}

async function viaSocket(c: Commander, body: Record<string, unknown>) {
	const id = typeof body.commandId === 'string' ? body.commandId : commandId();
	return answered(await c.send({ ...body, commandId: id }));
}

const cardId = (body: Record<string, unknown>) => ((body.result as { card: { id: string } }).card).id;

describe('a command over the room socket', () => {
	it("adds a card: 200 with the card, in SQL, and on another participant's doc", async () => {
		const anna = await commander(f.anna.token);
		const bram = connectProvider(app.wsUrl, `table:${f.tableA}`, { token: f.bram.token, origin: app.url });
		open.push(bram);
		await waitFor(() => bram.provider.synced, 5000, 'sync');
		const id = commandId();
		const answer = await viaSocket(anna, { commandId: id, type: 'card.add', text: 'Via de socket' });
		expect(answer).toMatchObject({ commandId: id, status: 200, body: { replayed: false } });
		const added = cardId(answer.body);
		expect((await first(db.select().from(cards).where(eq(cards.id, added))))?.text).toBe('Via de socket');
		await waitFor(() => bram.cards().some((c) => c.id === added), 5000, 'the card on the other doc');
	});

	it('answers only the socket that sent the command: the others in the room (the stock client) get no command frame', async () => {
		const watcher = rawSocket(`${app.wsUrl}/table:${f.tableA}`, { origin: app.url, cookie: cookie(f.bram.token) });
		await watcher.opened;
		const anna = await commander(f.anna.token);
		const answer = await viaSocket(anna, { type: 'card.add', text: 'Alleen voor Anna beantwoord' });
		expect(answer.status).toBe(200);
		// The card reached the watcher (an update frame holds its text), its answer did not.
		await waitFor(() => watcher.received.some((b) => b.includes('Alleen voor Anna beantwoord')), 5000, 'the card update');
		expect(watcher.received.filter((b) => b[0] === COMMAND_MESSAGE)).toEqual([]);
		watcher.ws.close();
	});

	it('casts a vote: in SQL and in the facilitator\'s tallies; a refused vote gets the HTTP door\'s status and body', async () => {
		const anna = await commander(f.anna.token);
		const card = cardId((await viaSocket(anna, { type: 'card.add', text: 'Waar stemmen we op?' })).body);
		// Still collecting: the same refusal through either door.
		const early = { type: 'vote.cast', cardId: card };
		const byHttp = await post(f.bram.token, { ...early, commandId: commandId() });
		const bySocket = await viaSocket(anna, early);
		expect(byHttp.status).toBe(409);
		expect({ status: bySocket.status, body: bySocket.body }).toEqual(byHttp);

		const settings = await fetch(`${app.url}/api/meetings/${f.meetingA}/board`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: app.url, cookie: cookie(f.facilitator) },
			body: JSON.stringify({ commandId: commandId(), type: 'board.settings', voteBudget: 1, votePerCardMax: null, talliesLive: true, lateCards: true, participantsChooseTable: true })
		});
		expect(settings.status).toBe(200);
		const facilitation = connectProvider(app.wsUrl, `facilitation:${f.meetingA}`, { token: f.facilitator, origin: app.url });
		open.push(facilitation);
		const staff = await commander(f.facilitator);
		expect((await viaSocket(staff, { type: 'phase.set', phase: 'vote' })).status).toBe(200);

		const cast = await viaSocket(anna, { type: 'vote.cast', cardId: card });
		expect(cast.status).toBe(200);
		expect(await db.select().from(votes).where(eq(votes.cardId, card))).toHaveLength(1);
		await waitFor(() => talliesMap(facilitation.doc).get(card)?.votes === 1, 5000, 'the tally');

		// Over budget (one dot each): refused alike, whichever door.
		const again = { type: 'vote.cast', cardId: card };
		const overHttp = await post(f.anna.token, { ...again, commandId: commandId() });
		const overSocket = await viaSocket(anna, again);
		expect(overHttp).toMatchObject({ status: 409, body: { error: 'budget-spent' } });
		expect({ status: overSocket.status, body: overSocket.body }).toEqual(overHttp);
		expect(await db.select().from(votes).where(eq(votes.cardId, card))).toHaveLength(1);
	});

	it("refuses another person's command id as HTTP does (409)", async () => {
		const id = commandId();
		expect((await post(f.bram.token, { commandId: id, type: 'card.add', text: 'Van Bram' })).status).toBe(200);
		const anna = await commander(f.anna.token);
		const bySocket = await viaSocket(anna, { commandId: id, type: 'card.add', text: 'Van Anna' });
		const byHttp = await post(f.anna.token, { commandId: id, type: 'card.add', text: 'Van Anna' });
		expect(byHttp).toMatchObject({ status: 409, body: { error: 'command-id-taken' } });
		expect({ status: bySocket.status, body: bySocket.body }).toEqual(byHttp);
	});

	it('refuses a command for another table than the socket\'s room, and on a room that is no table (403)', async () => {
		const anna = await commander(f.anna.token);
		const other = await viaSocket(anna, { type: 'card.add', text: 'Elders', tableId: f.tableB });
		expect(other).toMatchObject({ status: 403, body: { error: 'not-allowed' } });
		// The HTTP door refuses her at that table too.
		expect((await post(f.anna.token, { commandId: commandId(), type: 'card.add', text: 'Elders' }, f.tableB)).status).toBe(403);
		const own = await commander(f.anna.token, `participant:${f.anna.id}`);
		expect(await viaSocket(own, { type: 'card.add', text: 'Elders' })).toMatchObject({ status: 403 });
		expect(await db.select().from(cards).where(eq(cards.text, 'Elders'))).toEqual([]);
		// Naming its own table is fine.
		expect((await viaSocket(anna, { type: 'card.add', text: 'Hier', tableId: f.tableA })).status).toBe(200);
	});

	it('answers in the language of the socket, as HTTP does for the same cookie', async () => {
		const english = await commander(f.anna.token, `table:${f.tableA}`, 'en');
		const dutch = await commander(f.anna.token);
		const empty = { type: 'card.add', text: '' };
		const en = await viaSocket(english, empty);
		const nl = await viaSocket(dutch, empty);
		expect(en.status).toBe(422);
		expect(en.body.message).not.toBe(nl.body.message);
		expect({ status: en.status, body: en.body }).toEqual(await post(f.anna.token, { ...empty, commandId: commandId() }, f.tableA, 'en'));
		expect({ status: nl.status, body: nl.body }).toEqual(await post(f.anna.token, { ...empty, commandId: commandId() }));
	});
});

describe('one command id across both doors', () => {
	it('applies a command sent over HTTP and again over the socket once, and answers as the first did', async () => {
		const id = commandId();
		const first = await post(extra.eef, { commandId: id, type: 'card.add', text: 'Eerst via HTTP' });
		expect(first.status).toBe(200);
		const eef = await commander(extra.eef);
		const replay = await viaSocket(eef, { commandId: id, type: 'card.add', text: 'Eerst via HTTP' });
		expect(replay).toMatchObject({ status: 200, body: { replayed: true, result: first.body.result } });
		expect(await db.select().from(cards).where(eq(cards.text, 'Eerst via HTTP'))).toHaveLength(1);
	});

	it('and the other way round', async () => {
		const eef = await commander(extra.eef);
		const id = commandId();
		const first = await viaSocket(eef, { commandId: id, type: 'card.add', text: 'Eerst via de socket' });
		const replay = await post(extra.eef, { commandId: id, type: 'card.add', text: 'Eerst via de socket' });
		expect(replay).toEqual({ status: 200, body: { ...first.body, replayed: true } });
		expect(await db.select().from(cards).where(eq(cards.text, 'Eerst via de socket'))).toHaveLength(1);
	});

	it('shares the per-person limit with HTTP: spent over HTTP, the socket answers 429 too', async () => {
		let status = 0;
		for (let i = 0; i < PER_MINUTE + 5 && status !== 429; i++) {
			status = (await post(extra.gijs, { commandId: commandId(), type: 'card.edit', cardId: 'nosuchcardaaaaaaaaaa', text: 'x' })).status;
		}
		expect(status).toBe(429);
		const gijs = await commander(extra.gijs);
		expect(await viaSocket(gijs, { type: 'card.add', text: 'Te veel' })).toMatchObject({ status: 429, body: { error: 'too-many-attempts' } });
	});

	it('counts a committed vote in the metrics once, as HTTP does', async () => {
		const read = async () => {
			const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
			const line = (await res.text()).split('\n').find((l) => l.startsWith('denktafel_votes_total'));
			return Number(line?.split(' ')[1] ?? 0);
		};
		const dora = await commander(extra.dora);
		const card = cardId((await viaSocket(dora, { type: 'card.add', text: 'Geteld' })).body);
		const before = await read();
		expect((await viaSocket(dora, { type: 'vote.cast', cardId: card })).status).toBe(200);
		expect(await read()).toBe(before + 1);
	});
});

describe('who may not command over a socket', () => {
	it('a participant whose session ended gets 401 and the socket closes with 4401', async () => {
		const dora = await commander(extra.dora);
		// Ended behind the hub's back (as an expiry would be): only the per-command check can notice.
		await db.delete(sessions).where(eq(sessions.id, sessionIdFromToken(extra.dora)));
		const answer = await viaSocket(dora, { type: 'card.add', text: 'Na afmelden' });
		expect(answer).toMatchObject({ status: 401, body: { error: 'not-signed-in' } });
		await waitFor(() => dora.closes.some((c) => c.code === 4401), 5000, 'the 4401 close');
		expect(await db.select().from(cards).where(eq(cards.text, 'Na afmelden'))).toEqual([]);
	});

	it('a projector socket is refused (403) and stays open to watch', async () => {
		const wall = await commander(null, `table:${f.tableA}`, undefined, { projector: extra.projector });
		const answer = await viaSocket(wall, { type: 'card.add', text: 'Van de beamer' });
		expect(answer).toMatchObject({ status: 403, body: { error: 'not-allowed' } });
		expect(await db.select().from(cards).where(eq(cards.text, 'Van de beamer'))).toEqual([]);
		expect(wall.closes).toEqual([]);
		expect(wall.provider.wsconnected).toBe(true);
	});
});

describe('garbage on the socket', () => {
	it('answers malformed JSON with 400 and too large a command with 413, without closing', async () => {
		const anna = await commander(f.anna.token);
		const answers: CommandAnswer[] = [];
		anna.provider.messageHandlers[COMMAND_MESSAGE] = (_e, decoder) => {
			answers.push(JSON.parse(decoding.readVarString(decoder)) as CommandAnswer);
		};
		anna.sendRaw(textFrame('{"commandId": "x", "type": '));
		anna.sendRaw(encodeCommand({ commandId: commandId(), type: 'card.add', text: 'x'.repeat(300 * 1024) }));
		await waitFor(() => answers.length === 2, 5000, 'two answers');
		expect(answers).toMatchObject([
			{ commandId: null, status: 400, body: { error: 'invalid-json' } },
			{ commandId: null, status: 413, body: { error: 'too-large' } }
		]);
		expect(anna.closes).toEqual([]);
		expect(anna.provider.wsconnected).toBe(true);
	});

	it('closes a command frame that does not decode (1002) and keeps serving everyone else', async () => {
		const anna = await commander(f.anna.token);
		// Type 8 with a string length far beyond the frame.
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, COMMAND_MESSAGE);
		encoding.writeVarUint(e, 1_000_000);
		anna.sendRaw(encoding.toUint8Array(e));
		await waitFor(() => anna.closes.some((c) => c.code === 1002), 5000, 'the 1002 close');
		expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
		const bram = await commander(f.bram.token);
		expect((await viaSocket(bram, { type: 'card.add', text: 'Nog steeds' })).status).toBe(200);
	});
});

function textFrame(text: string): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, COMMAND_MESSAGE);
	encoding.writeVarString(e, text);
	return encoding.toUint8Array(e);
}
