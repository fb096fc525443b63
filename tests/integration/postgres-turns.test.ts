import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { addCard } from '../../src/lib/server/boards/add-card.ts';
import { runTableCommand } from '../../src/lib/server/boards/table-commands.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { postgresPool } from '../../src/lib/server/db/open.ts';
import { cards, commandLog, votes } from '../../src/lib/server/db/schema.ts';
import { facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import { closeTestDatabase, createTestDb, ON_POSTGRES, openTestDatabase } from '../helpers/test-db.ts';

// Issue #17: a board command whose meeting is known up front (a table never changes meeting) waits its
// meeting's turn in this process before it takes a pooled connection, and locks the meeting before it
// reads anything. The turns are per process, so safety still rests on the lock: each test runs its
// commands at once through two databases opened on the same PostgreSQL database (two pools, two sets
// of turns: as two app processes are), after a first command taught both where the table belongs.

let made: ReturnType<typeof createTestDb>;
let a: Db;
let b: Db;

beforeEach(() => {
	if (!ON_POSTGRES) return;
	made = createTestDb();
	a = made.db;
	b = openTestDatabase(made.path);
});

afterEach(async () => {
	if (!ON_POSTGRES) return;
	await closeTestDatabase(b);
	made.dispose();
});

let ids = 0;
const commandId = () => `turns-${process.pid}-${++ids}`;

/** A meeting with one table, Anna seated at it, and a first card (which teaches the process the table's meeting). */
async function meetingWithAnna() {
	const m = await facilitatorWithMeeting(a);
	const anna = await signIn(a, { participantId: (await joinAs(a, m.joinCode, 'Anna')).participantId });
	const facilitator = await signIn(a, { userId: m.userId });
	const first = await addCard(a, anna.actor, m.tableId, { commandId: commandId(), text: 'Eerste vraag' }, Date.now());
	expect(first.ok).toBe(true);
	return { ...m, anna, facilitator };
}

describe.skipIf(!ON_POSTGRES)('board commands in turns on PostgreSQL', () => {
	it("holds one pooled connection at a time for a burst of one meeting's commands", async () => {
		const m = await meetingWithAnna();
		const pool = postgresPool(a)!;
		let most = 0;
		let sampling = true;
		const sample = () => {
			most = Math.max(most, pool.totalCount - pool.idleCount);
			if (sampling) setImmediate(sample);
		};
		sample();
		const burst = await Promise.all(
			Array.from({ length: 12 }, (_, i) => addCard(a, m.anna.actor, m.tableId, { commandId: commandId(), text: `Vraag ${i}` }, Date.now()))
		);
		sampling = false;
		expect(burst.every((r) => r.ok)).toBe(true);
		// Before the turns, each of the twelve took a connection and waited there for the meeting's lock.
		expect(most).toBe(1);
	});

	it('gives every card added at once through two processes its own order key after the last', async () => {
		const m = await meetingWithAnna();
		const added = await Promise.all(
			Array.from({ length: 16 }, (_, i) =>
				addCard(i % 2 ? b : a, m.anna.actor, m.tableId, { commandId: commandId(), text: `Vraag ${i}` }, Date.now())
			)
		);
		expect(added.every((r) => r.ok)).toBe(true);
		const keys = (await a.select({ key: cards.orderKey }).from(cards).where(eq(cards.tableId, m.tableId))).map((r) => r.key);
		expect(keys).toHaveLength(17);
		expect(new Set(keys).size).toBe(17);
	});

	it('applies one command id sent through two processes at once once, and answers the other as a replay', async () => {
		const m = await meetingWithAnna();
		for (let round = 0; round < 5; round++) {
			const input = { commandId: commandId(), text: `Dubbel ${round}` };
			const results = await Promise.all([addCard(a, m.anna.actor, m.tableId, input, 1), addCard(b, m.anna.actor, m.tableId, input, 2)]);
			expect(results.map((r) => r.ok && r.replayed).sort()).toEqual([false, true]);
			expect(await a.select().from(commandLog).where(eq(commandLog.commandId, input.commandId))).toHaveLength(1);
		}
		expect(await a.select().from(cards)).toHaveLength(6);
	});

	it('keeps a voter voting through two processes at once within the budget', async () => {
		const m = await meetingWithAnna();
		const [card] = await a.select({ id: cards.id }).from(cards).where(eq(cards.tableId, m.tableId));
		const phase = await runTableCommand(a, m.facilitator.actor, m.tableId, { commandId: commandId(), type: 'phase.set', phase: 'vote' }, Date.now());
		expect(phase.ok).toBe(true);
		const casts = await Promise.all(
			Array.from({ length: 8 }, (_, i) =>
				runTableCommand(i % 2 ? b : a, m.anna.actor, m.tableId, { commandId: commandId(), type: 'vote.cast', cardId: card.id }, Date.now())
			)
		);
		// The meeting's budget is 3 dots (the default), with no limit per card.
		expect(casts.filter((r) => r.ok)).toHaveLength(3);
		expect(casts.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(Array(5).fill('budget-spent'));
		const spent = await a.select({ n: sql<number>`coalesce(sum(${votes.dots}), 0)` }).from(votes);
		expect(Number(spent[0].n)).toBe(3);
	});
});
