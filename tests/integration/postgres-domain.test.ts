import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { addCard } from '../../src/lib/server/boards/add-card.ts';
import { listBoardCards } from '../../src/lib/server/boards/board-view.ts';
import { containsText } from '../../src/lib/server/db/dialect-sql.ts';
import { lockScope, readCommitted, transaction } from '../../src/lib/server/db/transaction.ts';
import { cards, commandLog, regions } from '../../src/lib/server/db/schema.ts';
import { facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import { closeTestDatabase, ON_POSTGRES, openTestDatabase, useTestDb } from '../helpers/test-db.ts';

// What only PostgreSQL can get wrong: transactions run side by side there, on pooled connections. Runs
// in the integration-pg project (DATABASE_URL set); the SQLite project runs one transaction at a time
// and has its own tests of that (tests/unit/db-transaction.test.ts).

const db = useTestDb();

/** A promise and the function that settles it. */
function gate() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { open, opened };
}

const regionCount = async () => (await db().select({ n: sql<number>`count(*)` }).from(regions))[0].n;

describe.skipIf(!ON_POSTGRES)('transactions on PostgreSQL', () => {
	it('runs a nested transaction as a savepoint: its failure is undone alone, the outer one commits', async () => {
		await transaction(db(), async (tx) => {
			await tx.insert(regions).values({ id: 'r1', name: 'Noord' });
			await expect(
				transaction(tx, async (inner) => {
					await inner.insert(regions).values({ id: 'r2', name: 'Zuid' });
					await inner.insert(regions).values({ id: 'r1', name: 'Dubbel' });
				})
			).rejects.toThrow();
			// Handed the plain database by mistake, a nested call still joins this transaction (its
			// connection), instead of waiting for our locks on another connection.
			await transaction(db(), async (inner) => inner.insert(regions).values({ id: 'r3', name: 'Oost' }));
		});
		expect((await db().select().from(regions)).map((r) => r.id).sort()).toEqual(['r1', 'r3']);
	});

	it('rolls back everything when the work throws', async () => {
		await expect(
			transaction(db(), async (tx) => {
				await tx.insert(regions).values({ id: 'r1', name: 'Noord' });
				throw new Error('stop');
			})
		).rejects.toThrow('stop');
		expect(await regionCount()).toBe(0);
	});

	it('serializes transactions that lock the same scope, and only those', async () => {
		const events: string[] = [];
		const held = gate();
		const locked = gate();
		const first = transaction(
			db(),
			async (tx) => {
				events.push('A locked');
				locked.open();
				await held.opened;
				await tx.insert(regions).values({ id: 'a', name: 'A' });
				events.push('A commits');
			},
			{ lock: 'meeting-1' }
		);
		await locked.opened;
		const same = transaction(db(), async () => void events.push('B locked'), { lock: 'meeting-1' });
		const other = transaction(db(), async () => void events.push('C locked (other scope)'), { lock: 'meeting-2' });
		await other;
		expect(events).toEqual(['A locked', 'C locked (other scope)']);
		held.open();
		await Promise.all([first, same]);
		expect(events).toEqual(['A locked', 'C locked (other scope)', 'A commits', 'B locked']);
	});

	it('takes the scope lock inside a running transaction and holds it until the commit', async () => {
		const order: string[] = [];
		const locked = gate();
		const release = gate();
		const a = transaction(db(), async (tx) => {
			await lockScope(tx, 'scope-x');
			locked.open();
			await release.opened;
			order.push('A done');
		});
		await locked.opened;
		const b = transaction(db(), async (tx) => {
			await lockScope(tx, 'scope-x');
			order.push('B locked');
		});
		await new Promise((r) => setTimeout(r, 100));
		expect(order).toEqual([]);
		release.open();
		await Promise.all([a, b]);
		expect(order).toEqual(['A done', 'B locked']);
	});

	it('runs a plain query made from inside a transaction in that transaction, as SQLite does', async () => {
		await transaction(db(), async () => {
			// The plain database, not the handle (as fixtures do): it must see the uncommitted region.
			await db().insert(regions).values({ id: 'r1', name: 'Noord' });
			expect(await regionCount()).toBe(1);
			await db().insert(regions).values({ id: 'r1', name: 'Dubbel' });
		}).catch(() => undefined);
		// The failing second insert rolled back the first one with it: both ran in the transaction.
		expect(await regionCount()).toBe(0);
	});

	it('reads one snapshot of committed data, and refuses writes there', async () => {
		await db().insert(regions).values({ id: 'r1', name: 'Noord' });
		// Another process's pool on the same database.
		const url = (db() as unknown as { $client: { options: { connectionString: string } } }).$client.options.connectionString;
		const other = openTestDatabase(url);
		try {
			const seen = await readCommitted(db(), async (tx) => {
				const before = (await tx.select().from(regions)).length;
				// Committed by someone else meanwhile: not in this snapshot.
				await other.insert(regions).values({ id: 'r2', name: 'Zuid' });
				const after = (await tx.select().from(regions)).length;
				return [before, after];
			});
			expect(seen).toEqual([1, 1]);
		} finally {
			await closeTestDatabase(other);
		}
		// 25006: read_only_sql_transaction.
		await expect(readCommitted(db(), (tx) => tx.insert(regions).values({ id: 'r3', name: 'Oost' }))).rejects.toMatchObject({
			cause: { code: '25006' }
		});
	});
});

describe.skipIf(!ON_POSTGRES)('commands at once on PostgreSQL', () => {
	it('applies the same command id sent twice at once once, and answers the other as a replay', async () => {
		const m = await facilitatorWithMeeting(db());
		const { actor } = await signIn(db(), { participantId: (await joinAs(db(), m.joinCode, 'Anna')).participantId });
		const input = { commandId: 'twice-at-once-1', text: 'Wie betaalt?' };
		const results = await Promise.all([addCard(db(), actor, m.tableId, input, 1), addCard(db(), actor, m.tableId, input, 2)]);
		expect(results.map((r) => r.ok && r.replayed).sort()).toEqual([false, true]);
		expect(await listBoardCards(db(), m.tableId)).toHaveLength(1);
		expect(await db().select().from(commandLog).where(eq(commandLog.commandId, input.commandId))).toHaveLength(1);
	});

	it('refuses one command id used at once in two meetings (two scopes) as taken, never with an error', async () => {
		const a = await facilitatorWithMeeting(db(), { email: 'a@denktafel.test', title: 'A' });
		const b = await facilitatorWithMeeting(db(), { email: 'b@denktafel.test', title: 'B' });
		const anna = await signIn(db(), { participantId: (await joinAs(db(), a.joinCode, 'Anna')).participantId });
		const bram = await signIn(db(), { participantId: (await joinAs(db(), b.joinCode, 'Bram')).participantId });
		for (let round = 0; round < 5; round++) {
			const commandId = `two-scopes-${round}-x`;
			const results = await Promise.all([
				addCard(db(), anna.actor, a.tableId, { commandId, text: 'Vraag A' }, 1),
				addCard(db(), bram.actor, b.tableId, { commandId, text: 'Vraag B' }, 1)
			]);
			// Whichever committed first is applied; the other is told the id is taken (409).
			expect(results.filter((r) => r.ok)).toHaveLength(1);
			expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'command-id-taken' }]);
		}
		expect(await db().select().from(cards)).toHaveLength(5);
	});

	it('takes a NUL character out of a command (PostgreSQL text cannot hold it) instead of failing', async () => {
		const m = await facilitatorWithMeeting(db());
		const { actor } = await signIn(db(), { participantId: (await joinAs(db(), m.joinCode, 'Anna')).participantId });
		const added = await addCard(db(), actor, m.tableId, { commandId: 'with-nul-0001', text: 'Wie\u0000 betaalt?' }, 1);
		expect(added).toMatchObject({ ok: true, result: { card: { text: 'Wie betaalt?' } } });
		expect((await listBoardCards(db(), m.tableId)).map((c) => c.text)).toEqual(['Wie betaalt?']);
	});

	it('answers database-unavailable when PostgreSQL cannot be reached, and writes nothing', async () => {
		const m = await facilitatorWithMeeting(db());
		const { actor } = await signIn(db(), { participantId: (await joinAs(db(), m.joinCode, 'Anna')).participantId });
		// Nothing listens on port 1: every connection is refused.
		const gone = openTestDatabase('postgres://postgres@127.0.0.1:1/nowhere');
		try {
			expect(await addCard(gone, actor, m.tableId, { commandId: 'while-down-1', text: 'Vraag' }, 1)).toEqual({
				ok: false,
				reason: 'database-unavailable'
			});
		} finally {
			await closeTestDatabase(gone);
		}
		expect(await db().select().from(cards)).toHaveLength(0);
	});
});

describe.skipIf(!ON_POSTGRES)('dialect SQL on PostgreSQL', () => {
	it('finds words ignoring case, with %, _ and \\ taken literally', async () => {
		await db().insert(regions).values([
			{ id: 'r1', name: 'Regio 100% Noord' },
			{ id: 'r2', name: 'regio_zuid' },
			{ id: 'r3', name: 'Regio Oost' },
			{ id: 'r4', name: 'a\\b' }
		]);
		const find = async (word: string) =>
			(await db().select({ id: regions.id }).from(regions).where(containsText(regions.name, word))).map((r) => r.id).sort();
		expect(await find('REGIO')).toEqual(['r1', 'r2', 'r3']);
		expect(await find('0%')).toEqual(['r1']);
		expect(await find('o_z')).toEqual(['r2']);
		expect(await find('a\\b')).toEqual(['r4']);
	});
});
