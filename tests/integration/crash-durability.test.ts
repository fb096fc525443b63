import { mapInOrder } from '../../src/lib/server/in-order.ts';
import { sqliteHandle } from '../../src/lib/server/db/client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { postCommand } from '../helpers/it-fixture.ts';
import { facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import { connectProvider, waitFor, type TestProvider } from '../helpers/yjs-client.ts';
import { docMaps, expectedDoc, integrity, readDb, rootNames, sameMaps } from '../helpers/doc-truth.ts';
import { boardCards } from '../../src/lib/realtime/board-doc.ts';
import { talliesMap } from '../../src/lib/realtime/facilitation-board.ts';
import { myVotesMap } from '../../src/lib/realtime/participant-doc.ts';
import { roomName } from '../../src/lib/realtime/rooms.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// A crash in the middle of a think session: 20 participants add cards and cast dots at once when the
// process is killed (SIGKILL, nothing flushed) or stopped (SIGTERM). Nothing acknowledged may be lost,
// nothing may pass the budget, and every doc must equal SQL, also on the screens that stayed open.

const CLIENTS = 20;
const BUDGET = 6;

interface Session {
	meetingId: string;
	tableId: string;
	facilitator: string;
	people: Array<{ id: string; token: string }>;
}

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
// One meeting per test, so each burst starts with fresh budgets; these point at the current one.
const sessions: Session[] = [];
let meetingId: string;
let tableId: string;
let facilitator: string;
let people: Session['people'];
function use(s: Session) {
	({ meetingId, tableId, facilitator, people } = s);
}
const open: TestProvider[] = [];

function provider(room: string, token: string) {
	const p = connectProvider(app.wsUrl, room, { token, origin: app.url });
	open.push(p);
	return p;
}
const atTable = (token: string, body: Record<string, unknown>) =>
	postCommand(app.url, `/api/tables/${tableId}/commands`, token, body);

interface Acked {
	commandId: string;
	kind: 'card' | 'vote';
	participantId: string;
	cardId: string;
}

/** Each client adds cards and casts dots (one more than its budget) until the server is gone. */
function traffic(acked: Acked[], attempted: Set<string>, seedCards: string[]) {
	let stop = false;
	const run = people.map(async (p, i) => {
		for (let n = 0; !stop; n++) {
			const vote = n % 2 === 1 && n <= 2 * (BUDGET + 1);
			const commandId = `crash-${i}-${n}-${Date.now()}`;
			attempted.add(commandId);
			const body = vote
				? { type: 'vote.cast', commandId, cardId: seedCards[(i + n) % seedCards.length] }
				: { type: 'card.add', commandId, text: `Vraag ${i}.${n}` };
			let res;
			try {
				res = await atTable(p.token, body);
			} catch {
				return; // connection refused or reset: the server is gone
			}
			if (res.status === 200) {
				const cardId = vote ? String(body.cardId) : (res.body!.result as { card: { id: string } }).card.id;
				acked.push({ commandId, kind: vote ? 'vote' : 'card', participantId: p.id, cardId });
			} else if (!(vote && res.status === 409 && res.body?.error === 'budget-spent')) {
				throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
			}
		}
	});
	return { done: Promise.all(run), stop: () => (stop = true) };
}

/** Checks the database after a crash and every doc against it, through fresh and surviving clients. */
async function verify(acked: Acked[], attempted: Set<string>, survivors: TestProvider[]) {
	const db = readDb(data.dbPath);
	try {
		expect(integrity(db)).toBe('ok');
		const sqlite = sqliteHandle(db);
		const logged = new Set(
			(sqlite.prepare('SELECT command_id FROM command_log WHERE meeting_id = ?').all(meetingId) as Array<{ command_id: string }>)
				.map((r) => r.command_id)
		);
		// Every acknowledged command is there …
		expect(acked.filter((a) => !logged.has(a.commandId))).toEqual([]);
		const cardIds = new Set(
			(sqlite.prepare('SELECT id FROM cards WHERE table_id = ?').all(tableId) as Array<{ id: string }>).map((r) => r.id)
		);
		expect(acked.filter((a) => a.kind === 'card' && !cardIds.has(a.cardId))).toEqual([]);
		// … and nothing beyond what was sent (a commit whose answer the crash swallowed is fine).
		const crashIds = [...logged].filter((id) => id.startsWith('crash-'));
		expect(crashIds.filter((id) => !attempted.has(id))).toEqual([]);
		const dots = sqlite
			.prepare('SELECT participant_id AS p, sum(dots) AS n FROM votes WHERE table_id = ? GROUP BY participant_id')
			.all(tableId) as Array<{ p: string; n: number }>;
		for (const row of dots) {
			expect(row.n).toBeLessThanOrEqual(BUDGET);
			expect(row.n).toBeGreaterThanOrEqual(acked.filter((a) => a.kind === 'vote' && a.participantId === row.p).length);
		}
		const perCard = new Map(
			(sqlite.prepare('SELECT card_id AS c, sum(dots) AS n FROM votes WHERE table_id = ? GROUP BY card_id').all(tableId) as Array<{ c: string; n: number }>)
				.map((r) => [r.c, r.n])
		);

		// Fresh clients read the docs the restarted server serves; they must equal SQL.
		const rooms = [
			{ room: roomName('table', tableId), token: people[0].token },
			{ room: roomName('facilitation', meetingId), token: facilitator },
			...people.map((p) => ({ room: roomName('participant', p.id), token: p.token }))
		];
		const fresh = rooms.map((r) => ({ ...r, p: provider(r.room, r.token) }));
		await waitFor(() => fresh.every((f) => f.p.provider.synced), 15_000, 'fresh clients to sync');
		for (const f of fresh) {
			const want = await expectedDoc(db, f.room);
			const names = rootNames(want, f.p.doc);
			expect(docMaps(f.p.doc, names), f.room).toEqual(docMaps(want, names));
		}
		// Independent of the projection code: the cards and tallies themselves.
		const table = fresh[0].p;
		expect(new Set(table.cards().map((c) => c.id))).toEqual(cardIds);
		expect(new Map(Array.from(talliesMap(fresh[1].p.doc).values()).filter((t) => t.votes > 0).map((t) => [t.id, t.votes]))).toEqual(perCard);
		for (const [i, p] of people.entries()) {
			const mine = Array.from(myVotesMap(fresh[i + 2].p.doc).values()).reduce((s, v) => s + v.dots, 0);
			expect(mine).toBe(dots.find((d) => d.p === p.id)?.n ?? 0);
		}

		// Screens that stayed open reconnect by themselves and end up with the same docs, no duplicates.
		for (const s of survivors) {
			await waitFor(() => s.provider.synced && s.provider.wsconnected, 15_000, 'a surviving client to resync');
		}
		for (const s of survivors) {
			const twin = fresh.find((f) => f.room === s.provider.roomname)!.p;
			// Waits for the last updates; the comparison after it says what differs if they never come.
			await waitFor(() => sameMaps(s.doc, twin.doc), 10_000, `${s.provider.roomname} to converge`).catch(() => {});
			const names = rootNames(twin.doc, s.doc);
			expect(docMaps(s.doc, names), `${s.provider.roomname} on a screen that stayed open`).toEqual(docMaps(twin.doc, names));
		}
		const cardsSeen = survivors[0].cards();
		expect(cardsSeen.length).toBe(cardIds.size);
		expect(new Set(cardsSeen.map((c) => c.text)).size).toBe(cardsSeen.length);
		for (const f of fresh) f.p.destroy();
	} finally {
		await closeTestDatabase(db);
	}
}

beforeAll(async () => {
	data = tempDataDir();
	const db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	for (const title of ['Crashsessie', 'Stopsessie']) {
		const m = await facilitatorWithMeeting(db, { title });
		sessions.push({
			meetingId: m.meetingId,
			tableId: m.tableId,
			facilitator: (await signIn(db, { userId: m.userId })).token,
			people: await mapInOrder(Array.from({ length: CLIENTS }, (_, i) => i), async (i) => {
				const { participantId } = await joinAs(db, m.joinCode, `Programmaleider ${i + 1}`);
				return { id: participantId, token: (await signIn(db, { participantId })).token };
			})
		});
	}
	await closeTestDatabase(db);
	app = await startApp(data.dbPath);
	// Set up as a facilitator would: dots with late cards allowed, so both kinds of command flow at once.
	for (const s of sessions) {
		use(s);
		const settings = await postCommand(app.url, `/api/meetings/${meetingId}/board`, facilitator, {
			type: 'board.settings', voteBudget: BUDGET, votePerCardMax: null, talliesLive: true, lateCards: true, participantsChooseTable: true
		});
		expect(settings.status).toBe(200);
		expect((await atTable(facilitator, { type: 'phase.set', phase: 'vote', seconds: 600 })).status).toBe(200);
	}
}, 60_000);

afterAll(async () => {
	for (const p of open) p.destroy();
	await app?.stop();
	data?.remove();
});

async function seedCards(n: number): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < n; i++) {
		const res = await atTable(facilitator, { type: 'card.add', text: `Startvraag ${Date.now()}-${i}` });
		expect(res.status).toBe(200);
		ids.push((res.body!.result as { card: { id: string } }).card.id);
	}
	return ids;
}

/** Screens that stay open through the crash: the board, the facilitation room, a few participants. */
async function openScreens(): Promise<TestProvider[]> {
	const screens = [
		provider(roomName('table', tableId), people[1].token),
		provider(roomName('facilitation', meetingId), facilitator),
		...people.slice(0, 4).map((p) => provider(roomName('participant', p.id), p.token))
	];
	await waitFor(() => screens.every((s) => s.provider.synced), 10_000, 'screens to sync');
	return screens;
}

describe('a crash during a vote and card burst of 20 clients', () => {
	it('SIGKILL: every acknowledged command survives, no budget is passed, every doc equals SQL', async () => {
		use(sessions[0]);
		const cards = await seedCards(5);
		const screens = await openScreens();
		const acked: Acked[] = [];
		const attempted = new Set<string>();
		const burst = traffic(acked, attempted, cards);
		await waitFor(
			() => acked.filter((a) => a.kind === 'vote').length >= 40 && acked.filter((a) => a.kind === 'card').length >= 40,
			20_000,
			'the burst to be under way'
		);
		const port = app.port;
		await app.kill();
		burst.stop();
		await burst.done;
		expect(screens[0].cards().length).toBeGreaterThan(5);
		app = await startApp(data.dbPath, {}, port);
		await verify(acked, attempted, screens);
		for (const s of screens) s.destroy();
	}, 60_000);

	it('SIGTERM: loses nothing acknowledged and exits within 10 s', async () => {
		use(sessions[1]);
		const cards = await seedCards(3);
		const screens = await openScreens();
		const acked: Acked[] = [];
		const attempted = new Set<string>();
		const burst = traffic(acked, attempted, cards);
		await waitFor(() => acked.length >= 60, 20_000, 'traffic');
		const port = app.port;
		const t0 = Date.now();
		expect(await app.stop('SIGTERM')).toBe(0);
		expect(Date.now() - t0).toBeLessThan(10_000);
		burst.stop();
		await burst.done;
		app = await startApp(data.dbPath, {}, port);
		await verify(acked, attempted, screens);
		for (const s of screens) s.destroy();
	}, 60_000);
});
