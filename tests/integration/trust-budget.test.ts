import { first } from '#lib/server/db/query.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { commandId, postCommand } from '../helpers/it-fixture.ts';
import { addTable, facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { cards, participants, plenaryItems, votes } from '../../src/lib/server/db/schema.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// One dot budget per person per round: a seat change does not hand out a second budget. Before the
// fix, a participant who spent 3 dots at table 1 sat down at table 2 and cast 3 more there.

const BUDGET = 3;
let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let db: Db;
let meetingId: string;
let facilitator: string;
let tables: [string, string];
let anna: { id: string; token: string };
let bram: { id: string; token: string };

const atTable = (tableId: string, token: string, body: Record<string, unknown>) =>
	postCommand(app.url, `/api/tables/${tableId}/commands`, token, body);
const forMeeting = (body: Record<string, unknown>) => postCommand(app.url, `/api/meetings/${meetingId}/board`, facilitator, body);
const seatOf = async (id: string) => (await first(db.select().from(participants).where(eq(participants.id, id))))!.tableId!;
const spentBy = async (id: string) =>
	Number((await first(db.select({ n: sql<number>`coalesce(sum(${votes.dots}), 0)` }).from(votes).where(eq(votes.participantId, id))))!.n);

async function sitAt(tableId: string, token: string) {
	const res = await fetch(`${app.url}/api/tables/${tableId}/seat`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url, cookie: `denktafel_session=${token}` },
		body: JSON.stringify({ commandId: commandId() })
	});
	return res.status;
}

async function cardAt(tableId: string, token: string, text: string): Promise<string> {
	const res = await atTable(tableId, token, { type: 'card.add', text });
	expect(res.status).toBe(200);
	return (res.body!.result as { card: { id: string } }).card.id;
}

beforeAll(async () => {
	data = tempDataDir();
	db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	const m = await facilitatorWithMeeting(db, { title: 'Eén budget' });
	meetingId = m.meetingId;
	facilitator = (await signIn(db, { userId: m.userId })).token;
	tables = [m.tableId, await addTable(db, meetingId, 'Tafel 2')];
	for (const name of ['Anna', 'Bram']) {
		const { participantId } = await joinAs(db, m.joinCode, name);
		const person = { id: participantId, token: (await signIn(db, { participantId })).token };
		if (name === 'Anna') anna = person;
		else bram = person;
	}
	app = await startApp(data.dbPath);
}, 60_000);

afterAll(async () => {
	await app?.stop();
	if (db) await closeTestDatabase(db);
	data?.remove();
});

describe('one dot budget per person in the table round', () => {
	it('refuses dots at a new table once the budget is spent at the old one, and says so before the move', async () => {
		const settings = { voteBudget: BUDGET, votePerCardMax: null, talliesLive: true, lateCards: false, participantsChooseTable: true };
		expect((await forMeeting({ type: 'board.settings', ...settings })).status).toBe(200);
		expect(await sitAt(tables[0], anna.token)).toBe(200);
		expect(await sitAt(tables[1], bram.token)).toBe(200);
		const first = await cardAt(tables[0], anna.token, 'Vraag aan tafel 1');
		const second = await cardAt(tables[1], bram.token, 'Vraag aan tafel 2');
		expect((await forMeeting({ type: 'phase.set-tables', phase: 'vote', seconds: 600 })).status).toBe(200);

		for (let i = 0; i < BUDGET; i++) expect((await atTable(tables[0], anna.token, { type: 'vote.cast', cardId: first })).status).toBe(200);
		expect(await spentBy(anna.id)).toBe(BUDGET);

		// The table choice page tells her before she moves that her dots stay and none are left.
		const page = await fetch(`${app.url}/meetings/${meetingId}/tables`, { headers: { cookie: `denktafel_session=${anna.token}` } });
		expect(page.status).toBe(200);
		expect(await page.text()).toContain(`${BUDGET} van je ${BUDGET} stippen staan al`);

		expect(await sitAt(tables[1], anna.token)).toBe(200);
		expect(await seatOf(anna.id)).toBe(tables[1]);
		const again = await atTable(tables[1], anna.token, { type: 'vote.cast', cardId: second });
		expect(again.status).toBe(409);
		expect(again.body?.error).toBe('budget-spent');
		// The dots cast at table 1 stay where they were: the sum is the budget, never more.
		expect(await spentBy(anna.id)).toBe(BUDGET);
		const atFirst = await db.select().from(votes).where(and(eq(votes.participantId, anna.id), eq(votes.tableId, tables[0])));
		expect(atFirst.reduce((s, v) => s + v.dots, 0)).toBe(BUDGET);
	}, 30_000);

	it('keeps the budget whole for a voter who moves before spending it', async () => {
		// Bram spends one at table 2, moves to table 1 and may spend exactly the two he has left.
		const [card] = await db.select({ id: votes.cardId }).from(votes).where(eq(votes.participantId, anna.id));
		expect(card).toBeDefined();
		expect((await atTable(tables[1], bram.token, { type: 'vote.cast', cardId: (await cardsAt(tables[1]))[0] })).status).toBe(200);
		expect(await sitAt(tables[0], bram.token)).toBe(200);
		const results = [];
		for (let i = 0; i < BUDGET; i++) results.push((await atTable(tables[0], bram.token, { type: 'vote.cast', cardId: card.id })).status);
		expect(results).toEqual([200, 200, 409]);
		expect(await spentBy(bram.id)).toBe(BUDGET);
	}, 30_000);

	it('gives the plenary round its own budget, the same for a voter who moved', async () => {
		const plenary = (token: string, body: Record<string, unknown>) => postCommand(app.url, `/api/meetings/${meetingId}/plenary`, token, body);
		expect((await plenary(facilitator, { type: 'plenary.start', topN: 1, budget: BUDGET })).status).toBe(200);
		expect((await plenary(facilitator, { type: 'plenary.phase', phase: 'vote' })).status).toBe(200);
		const [item] = await db.select({ id: plenaryItems.id }).from(plenaryItems).where(eq(plenaryItems.meetingId, meetingId));
		const statuses = [];
		for (let i = 0; i <= BUDGET; i++) statuses.push((await plenary(anna.token, { type: 'plenary.vote', itemId: item.id })).status);
		expect(statuses).toEqual([200, 200, 200, 409]);
		// The table round's dots are untouched by the plenary's.
		expect(await spentBy(anna.id)).toBe(BUDGET);
	}, 30_000);
});

async function cardsAt(tableId: string): Promise<string[]> {
	return (await db.select({ id: cards.id }).from(cards).where(eq(cards.tableId, tableId))).map((r) => r.id);
}
