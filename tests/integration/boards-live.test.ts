import { mapInOrder } from '../../src/lib/server/in-order.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { commandId, postCommand } from '../helpers/it-fixture.ts';
import { facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import { connectProvider, waitFor, type TestProvider } from '../helpers/yjs-client.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { votes } from '../../src/lib/server/db/schema.ts';
import { saveTable } from '../../src/lib/server/meetings/manage-tables.ts';
import { validateSessionToken } from '../../src/lib/server/auth/session.ts';
import { boardCards, boardMeta } from '../../src/lib/realtime/board-doc.ts';
import { talliesMap } from '../../src/lib/realtime/facilitation-board.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// Boards end to end at the protocol level: HTTP commands in, stock y-websocket clients out.

const VOTERS = 200;
const BUDGET = 3;

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let db: Db;
let meetingId: string;
let tableId: string;
let facilitator: string;
let voters: Array<{ id: string; token: string }>;
const open: TestProvider[] = [];

function provider(room: string, token: string) {
	const p = connectProvider(app.wsUrl, room, { token, origin: app.url });
	open.push(p);
	return p;
}

const command = (path: string, token: string, body: Record<string, unknown>) => postCommand(app.url, path, token, body);

const atTable = (token: string, body: Record<string, unknown>) => command(`/api/tables/${tableId}/commands`, token, body);

beforeAll(async () => {
	data = tempDataDir();
	db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	const m = await facilitatorWithMeeting(db, { title: 'Stemronde' });
	meetingId = m.meetingId;
	tableId = m.tableId;
	facilitator = (await signIn(db, { userId: m.userId })).token;
	voters = await mapInOrder(Array.from({ length: VOTERS }, (_, i) => i), async (i) => {
		const { participantId } = await joinAs(db, m.joinCode, `Deelnemer ${i + 1}`);
		return { id: participantId, token: (await signIn(db, { participantId })).token };
	});
	app = await startApp(data.dbPath);
}, 60_000);

afterAll(async () => {
	for (const p of open) p.destroy();
	await app?.stop();
	if (db) await closeTestDatabase(db);
	data?.remove();
});

describe('a live board over HTTP commands and Yjs', () => {
	const cards: string[] = [];

	it('refuses a vote outside the vote phase (409) and editing someone else\'s card (403)', async () => {
		for (const text of ['Wie betaalt?', 'Wie beslist?', 'Wie bewaakt de kwaliteit?', 'Hoe houden we het klein?']) {
			const res = await atTable(voters[0].token, { type: 'card.add', text });
			expect(res.status).toBe(200);
			cards.push((res.body!.result as { card: { id: string } }).card.id);
		}
		const early = await atTable(voters[1].token, { type: 'vote.cast', cardId: cards[0] });
		expect(early.status).toBe(409);
		expect(early.body).toMatchObject({ error: 'wrong-phase' });
		expect(String(early.body!.message)).toMatch(/fase/);
		const edit = await atTable(voters[1].token, { type: 'card.edit', cardId: cards[0], text: 'Overgenomen' });
		expect(edit.status).toBe(403);
		expect(edit.body).toMatchObject({ error: 'not-own-card' });
		const phase = await atTable(voters[1].token, { type: 'phase.set', phase: 'vote' });
		expect(phase.status).toBe(403);
		const anonymous = await fetch(`${app.url}/api/tables/${tableId}/commands`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: app.url },
			body: JSON.stringify({ commandId: commandId(), type: 'vote.cast', cardId: cards[0] })
		});
		expect(anonymous.status).toBe(401);
	});

	it(`lets ${VOTERS} participants vote at once without anyone exceeding the budget; docs equal SQL`, async () => {
		const settings = await command(`/api/meetings/${meetingId}/board`, facilitator, {
			type: 'board.settings',
			voteBudget: BUDGET,
			votePerCardMax: null,
			talliesLive: true,
			lateCards: false,
			participantsChooseTable: true
		});
		expect(settings.status).toBe(200);
		expect((await atTable(facilitator, { type: 'phase.set', phase: 'vote', seconds: 300 })).status).toBe(200);
		const watcher = provider(`table:${tableId}`, voters[0].token);
		const room = provider(`facilitation:${meetingId}`, facilitator);
		await waitFor(() => watcher.provider.synced && room.provider.synced, 5000, 'sync');
		expect(boardMeta(watcher.doc)).toMatchObject({ phase: 'vote', talliesVisible: true });

		// Everyone tries one dot more than the budget, all at once.
		const attempts = voters.flatMap((v, i) =>
			Array.from({ length: BUDGET + 1 }, (_, k) => atTable(v.token, { type: 'vote.cast', cardId: cards[(i + k) % cards.length] }))
		);
		const results = await Promise.all(attempts);
		expect(results.filter((r) => r.status === 200)).toHaveLength(VOTERS * BUDGET);
		const refused = results.filter((r) => r.status !== 200);
		expect(refused).toHaveLength(VOTERS);
		expect(refused.every((r) => r.status === 409 && r.body?.error === 'budget-spent')).toBe(true);

		const perVoter = await db
			.select({ voter: votes.participantId, dots: sql<number>`sum(${votes.dots})` })
			.from(votes)
			.where(eq(votes.tableId, tableId))
			.groupBy(votes.participantId);
		expect(perVoter).toHaveLength(VOTERS);
		expect(perVoter.every((r) => Number(r.dots) === BUDGET)).toBe(true);

		const truth = new Map(
			(await db
				.select({ card: votes.cardId, dots: sql<number>`sum(${votes.dots})` })
				.from(votes)
				.groupBy(votes.cardId))
				.map((r) => [r.card, Number(r.dots)])
		);
		const docTally = () => new Map(Array.from(boardCards(watcher.doc).values()).map((c) => [c.id, c.votes ?? 0]));
		await waitFor(() => [...truth].every(([id, n]) => docTally().get(id) === n), 10_000, 'table doc tallies');
		await waitFor(
			() => [...truth].every(([id, n]) => talliesMap(room.doc).get(id)?.votes === n),
			10_000,
			'facilitation tallies'
		);
	}, 60_000);

	it("ignores a client writing straight into the board doc: nobody else sees it", async () => {
		const tamper = provider(`table:${tableId}`, voters[5].token);
		const other = provider(`table:${tableId}`, voters[6].token);
		await waitFor(() => tamper.provider.synced && other.provider.synced, 5000, 'sync');
		const real = boardCards(other.doc).get(cards[0])!;
		boardCards(tamper.doc).set(cards[0], { ...real, text: 'Vervalst', votes: 999 });
		// A real command afterwards proves the channel works and gives the forgery time to (not) arrive.
		const added = await atTable(facilitator, { type: 'card.add', text: 'Echt' });
		expect(added.status).toBe(200);
		await waitFor(() => Array.from(boardCards(other.doc).values()).some((c) => c.text === 'Echt'), 5000, 'the real card');
		expect(boardCards(other.doc).get(cards[0])).toMatchObject({ text: real.text, votes: real.votes });
		const fresh = provider(`table:${tableId}`, voters[7].token);
		await waitFor(() => fresh.provider.synced, 5000, 'fresh sync');
		expect(boardCards(fresh.doc).get(cards[0])!.text).toBe(real.text);
	});

	it('brings a client that was offline during three commands up to date when it returns', async () => {
		const away = provider(`table:${tableId}`, voters[8].token);
		await waitFor(() => away.provider.synced, 5000, 'sync');
		away.provider.disconnect();
		await atTable(facilitator, { type: 'phase.set', phase: 'cluster' });
		const cluster = await atTable(voters[9].token, { type: 'cluster.create', themeId: null, name: 'Geld', cardIds: [cards[0]] });
		expect(cluster.status).toBe(200);
		const moved = await atTable(voters[9].token, { type: 'card.merge', cardId: cards[3], intoCardId: cards[2] });
		expect(moved.status).toBe(200);
		expect(boardCards(away.doc).has(cards[3])).toBe(true);
		away.provider.connect();
		await waitFor(
			() =>
				!boardCards(away.doc).has(cards[3]) &&
				boardCards(away.doc).get(cards[0])?.clusterId === (cluster.body!.result as { clusterId: string }).clusterId &&
				boardMeta(away.doc)?.phase === 'cluster',
			10_000,
			'the three commands'
		);
		expect(boardCards(away.doc).get(cards[2])!.merged.map((m) => m.text)).toEqual(['Hoe houden we het klein?']);
	});

	it('closes a participant\'s socket on their old table when they move, and refuses that room after', async () => {
		const mover = voters[10];
		const before = provider(`table:${tableId}`, mover.token);
		await waitFor(() => before.provider.synced, 5000, 'sync');
		// A second table, as the facilitator's meeting page makes it.
		const { actor } = await validateSessionToken(db, facilitator, { days: 30, now: Date.now() });
		const saved = await saveTable(db, actor!, meetingId, null, { name: 'Tafel 2' }, Date.now());
		if (!saved.ok) throw new Error(saved.reason);
		const other = saved.tableId;
		const moved = await command(`/api/tables/${other}/seat`, mover.token, {});
		expect(moved.status).toBe(200);
		await waitFor(() => before.closes.length > 0, 5000, 'the old table socket to close');
		const again = provider(`table:${tableId}`, mover.token);
		await waitFor(() => again.closes.length > 0, 5000, 'the refusal');
		expect(again.closes[0].code).toBe(4403);
		const there = provider(`table:${other}`, mover.token);
		await waitFor(() => there.provider.synced, 5000, 'the new table');
	});

	// Last: it closes the meeting.
	it("closes participants' sockets when the meeting closes, keeps the facilitator's, and refuses them after", async () => {
		const participant = provider(`table:${tableId}`, voters[20].token);
		const own = provider(`meeting:${meetingId}`, voters[20].token);
		const staff = provider(`table:${tableId}`, facilitator);
		await waitFor(() => participant.provider.synced && own.provider.synced && staff.provider.synced, 5000, 'sync');
		const closed = await command(`/api/meetings/${meetingId}/status`, facilitator, { action: 'close' });
		expect(closed.status).toBe(200);
		await waitFor(() => participant.closes.some((c) => c.code === 4403) && own.closes.some((c) => c.code === 4403), 5000, 'the closes');
		await new Promise((r) => setTimeout(r, 300));
		expect(staff.closes).toEqual([]);
		expect(staff.provider.wsconnected).toBe(true);
		const again = provider(`table:${tableId}`, voters[21].token);
		await waitFor(() => again.closes.length > 0, 5000, 'the refusal');
		expect(again.closes[0].code).toBe(4403);
	});
});
