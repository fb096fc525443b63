import { mapInOrder } from '../../src/lib/server/in-order.ts';
import { first } from '#lib/server/db/query.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { commandId, postCommand } from '../helpers/it-fixture.ts';
import { addTable, facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import { connectProvider, waitFor, type TestProvider } from '../helpers/yjs-client.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { participants, plenaryVotes } from '../../src/lib/server/db/schema.ts';
import { loadFacilitationBoard } from '../../src/lib/server/boards/facilitation-view.ts';
import { loadBoardViewAt, tableHistory } from '../../src/lib/server/boards/board-history.ts';
import { boardCards, boardClusters } from '../../src/lib/realtime/board-doc.ts';
import { tableFiguresMap } from '../../src/lib/realtime/facilitation-board.ts';
import { plenaryItemsMap } from '../../src/lib/realtime/plenary-doc.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// A whole room: ten tables of twenty, the facilitator's dashboard, a plenary round and a restore.

const TABLES = 10;
const PER_TABLE = 20;

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let db: Db;
let meetingId: string;
let facilitator: string;
let tableIds: string[];
let people: Array<{ id: string; token: string; tableId: string }>;
const open: TestProvider[] = [];

const command = (path: string, token: string, body: Record<string, unknown>) => postCommand(app.url, path, token, body);
const atTable = (tableId: string, token: string, body: Record<string, unknown>) => command(`/api/tables/${tableId}/commands`, token, body);
const forMeeting = (body: Record<string, unknown>) => command(`/api/meetings/${meetingId}/board`, facilitator, body);
const plenary = (token: string, body: Record<string, unknown>) => command(`/api/meetings/${meetingId}/plenary`, token, body);

beforeAll(async () => {
	data = tempDataDir();
	db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	const m = await facilitatorWithMeeting(db, { title: 'Hele zaal' });
	meetingId = m.meetingId;
	facilitator = (await signIn(db, { userId: m.userId })).token;
	tableIds = [m.tableId, ...(await mapInOrder(Array.from({ length: TABLES - 1 }, (_, i) => i), (i) => addTable(db, meetingId, `Tafel ${i + 2}`)))];
	people = await mapInOrder(Array.from({ length: TABLES * PER_TABLE }, (_, i) => i), async (i) => {
		const { participantId } = await joinAs(db, m.joinCode, `Deelnemer ${i + 1}`);
		const tableId = (await first(db.select().from(participants).where(eq(participants.id, participantId))))!.tableId!;
		return { id: participantId, token: (await signIn(db, { participantId })).token, tableId };
	});
	app = await startApp(data.dbPath);
}, 60_000);

afterAll(async () => {
	for (const p of open) p.destroy();
	await app?.stop();
	if (db) await closeTestDatabase(db);
	data?.remove();
});

describe('a whole room', () => {
	it('seats twenty at each of ten tables, every one of them live on their board', async () => {
		for (const id of tableIds) expect(people.filter((p) => p.tableId === id)).toHaveLength(PER_TABLE);
		for (const p of people) open.push(connectProvider(app.wsUrl, `table:${p.tableId}`, { token: p.token, origin: app.url }));
		await waitFor(() => open.every((p) => p.provider.synced), 20_000, '200 clients to sync');
	}, 30_000);

	it('keeps the dashboard figures equal to SQL while the tables work', async () => {
		const dashboard = connectProvider(app.wsUrl, `facilitation:${meetingId}`, { token: facilitator, origin: app.url });
		open.push(dashboard);
		await waitFor(() => dashboard.provider.synced, 5000, 'dashboard sync');
		// Every participant writes a card; then the tables vote with a budget of two.
		const added = await Promise.all(people.map((p, i) => atTable(p.tableId, p.token, { type: 'card.add', text: `Vraag ${i + 1}` })));
		expect(added.every((r) => r.status === 200)).toBe(true);
		expect((await forMeeting({ type: 'board.settings', voteBudget: 2, votePerCardMax: 1, talliesLive: false, lateCards: false, participantsChooseTable: true })).status).toBe(200);
		expect((await forMeeting({ type: 'phase.set-tables', phase: 'vote', seconds: 600 })).status).toBe(200);
		const cardsOf = new Map<string, string[]>();
		added.forEach((r, i) => {
			const list = cardsOf.get(people[i].tableId) ?? [];
			list.push((r.body!.result as { card: { id: string } }).card.id);
			cardsOf.set(people[i].tableId, list);
		});
		const voted = await Promise.all(
			people.flatMap((p, i) => [0, 1].map((k) => atTable(p.tableId, p.token, { type: 'vote.cast', cardId: cardsOf.get(p.tableId)![(i + k + 1) % PER_TABLE] })))
		);
		expect(voted.every((r) => r.status === 200)).toBe(true);
		const truth = (await loadFacilitationBoard(db, meetingId, null)).tableFigures;
		expect(truth).toHaveLength(TABLES);
		expect(truth.every((f) => f.seated === PER_TABLE && f.cards === PER_TABLE && f.votesCast === 2 * PER_TABLE && f.votesLeft === 0 && f.phase === 'vote')).toBe(true);
		await waitFor(
			() => truth.every((f) => JSON.stringify(tableFiguresMap(dashboard.doc).get(f.id)) === JSON.stringify(f)),
			10_000,
			'the dashboard figures'
		);
	}, 60_000);

	it('runs a plenary round of 200 voters without anyone exceeding the fresh budget', async () => {
		expect((await plenary(facilitator, { type: 'plenary.start', topN: 2, budget: 3 })).status).toBe(200);
		expect((await plenary(facilitator, { type: 'plenary.phase', phase: 'vote' })).status).toBe(200);
		const room = connectProvider(app.wsUrl, `meeting:${meetingId}`, { token: people[0].token, origin: app.url });
		open.push(room);
		await waitFor(() => room.provider.synced && plenaryItemsMap(room.doc).size >= TABLES * 2, 10_000, 'the plenary board');
		const items = Array.from(plenaryItemsMap(room.doc).keys());
		const results = await Promise.all(
			people.flatMap((p, i) => [0, 1, 2, 3].map((k) => plenary(p.token, { type: 'plenary.vote', itemId: items[(i + k) % items.length] })))
		);
		expect(results.filter((r) => r.status === 200)).toHaveLength(people.length * 3);
		expect(results.filter((r) => r.status === 409 && r.body?.error === 'budget-spent')).toHaveLength(people.length);
		const perVoter = await db
			.select({ voter: plenaryVotes.participantId, n: sql<number>`sum(${plenaryVotes.dots})` })
			.from(plenaryVotes)
			.groupBy(plenaryVotes.participantId);
		expect(perVoter.every((r) => Number(r.n) === 3)).toBe(true);
		await waitFor(
			() => Array.from(plenaryItemsMap(room.doc).values()).reduce((s, i) => s + i.votes, 0) === people.length * 3,
			10_000,
			'the plenary tallies'
		);
	}, 60_000);

	it('restores a board to an earlier moment in every client at that table', async () => {
		const tableId = tableIds[3];
		const token = people.find((p) => p.tableId === tableId)!.token;
		expect((await atTable(tableId, facilitator, { type: 'phase.set', phase: 'cluster' })).status).toBe(200);
		const moment = (await tableHistory(db, tableId))[0].seq;
		const then = (await loadBoardViewAt(db, tableId, moment))!;
		const cardIds = then.cards.map((c) => c.id);
		expect((await atTable(tableId, token, { type: 'cluster.create', themeId: null, name: 'Later gemaakt', cardIds: cardIds.slice(0, 3) })).status).toBe(200);
		expect((await atTable(tableId, token, { type: 'card.merge', cardId: cardIds[5], intoCardId: cardIds[6] })).status).toBe(200);
		expect((await atTable(tableId, facilitator, { type: 'board.restore', toSeq: moment })).status).toBe(200);
		const clients = open.filter((p, i) => i < people.length && people[i].tableId === tableId);
		expect(clients).toHaveLength(PER_TABLE);
		const wanted = JSON.stringify(then.cards.map((c) => [c.id, c.text, c.clusterId, c.themeId, c.orderKey]).sort());
		const shown = (p: TestProvider) =>
			JSON.stringify(Array.from(boardCards(p.doc).values()).map((c) => [c.id, c.text, c.clusterId, c.themeId, c.orderKey]).sort());
		await waitFor(() => clients.every((p) => shown(p) === wanted && boardClusters(p.doc).size === 0), 10_000, 'every client to show the restored board');
	}, 30_000);
});
