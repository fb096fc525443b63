import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { first } from '../../src/lib/server/db/query.ts';
import { partnershipRegions, partnerships, regions } from '../../src/lib/server/db/schema.ts';
import { sqliteHandle } from '../../src/lib/server/db/client.ts';
import { lockScope, locksAfterRead, readCommitted, transaction } from '../../src/lib/server/db/transaction.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { useTestDb } from '../helpers/test-db.ts';

// transaction() on SQLite: one FIFO queue per database around BEGIN IMMEDIATE … COMMIT, rollback on
// any throw, savepoints for transactions opened from inside one (never a wait for itself).

const db = useTestDb();

const names = async (d: Db = db()) => (await d.select({ name: regions.name }).from(regions)).map((r) => r.name).sort();

/** Yields to other async work in between, as a transaction's own awaits do. */
const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('transaction() on SQLite', () => {
	it('runs concurrent transactions one after another, in the order asked, never interleaved', async () => {
		const events: string[] = [];
		const work = (name: string) => async (tx: Db) => {
			events.push(`${name} begins`);
			const before = await names(tx);
			for (let i = 0; i < 5; i++) await tick();
			await tx.insert(regions).values({ id: name, name });
			events.push(`${name} saw ${before.length}`);
			return name;
		};
		const results = await Promise.all([transaction(db(), work('a')), transaction(db(), work('b')), transaction(db(), work('c'))]);
		expect(results).toEqual(['a', 'b', 'c']);
		expect(events).toEqual(['a begins', 'a saw 0', 'b begins', 'b saw 1', 'c begins', 'c saw 2']);
		expect(await names()).toEqual(['a', 'b', 'c']);
	});

	it('rolls everything back and rethrows when the work throws, and the next transaction still runs', async () => {
		const failing = transaction(db(), async (tx) => {
			await tx.insert(regions).values({ id: 'gone', name: 'Gone' });
			await tick();
			throw new Error('refused halfway');
		});
		const next = transaction(db(), async (tx) => {
			await tx.insert(regions).values({ id: 'kept', name: 'Kept' });
		});
		await expect(failing).rejects.toThrow('refused halfway');
		await next;
		expect(await names()).toEqual(['Kept']);
	});

	it('rolls back when a statement fails (a constraint), leaving no transaction open', async () => {
		await db().insert(regions).values({ id: 'r1', name: 'Noord' });
		await expect(
			transaction(db(), async (tx) => {
				await tx.insert(regions).values({ id: 'r2', name: 'Zuid' });
				await tx.insert(regions).values({ id: 'r1', name: 'Dubbel' });
			})
		).rejects.toThrow(/UNIQUE|constraint/i);
		expect(await names()).toEqual(['Noord']);
		await transaction(db(), async (tx) => tx.insert(regions).values({ id: 'r3', name: 'Oost' }));
		expect(await names()).toEqual(['Noord', 'Oost']);
	});

	it('nests a transaction opened with the handle as a savepoint: no deadlock, its own rollback only', async () => {
		const outcome = await transaction(db(), async (tx) => {
			await tx.insert(regions).values({ id: 'outer', name: 'Outer' });
			const inner = await transaction(tx, async (nested) => {
				await nested.insert(regions).values({ id: 'inner', name: 'Inner' });
				return 'inner done';
			});
			await expect(
				transaction(tx, async (nested) => {
					await nested.insert(regions).values({ id: 'undone', name: 'Undone' });
					throw new Error('inner refusal');
				})
			).rejects.toThrow('inner refusal');
			return inner;
		});
		expect(outcome).toBe('inner done');
		expect(await names()).toEqual(['Inner', 'Outer']);
	});

	it('also nests a call that was handed the plain database from inside a transaction, instead of waiting for itself', async () => {
		await transaction(db(), async () => {
			// A domain function given `db` rather than `tx`: it must not queue behind the open transaction.
			await transaction(db(), async (tx) => tx.insert(regions).values({ id: 'x', name: 'X' }));
		});
		expect(await names()).toEqual(['X']);
	});

	it('lets a read wait for an open transaction, so it never sees uncommitted writes', async () => {
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		// Held open here only to let other work run in between (real work awaits only the database).
		const writing = transaction(db(), async (tx) => {
			await tx.insert(regions).values({ id: 'maybe', name: 'Maybe' });
			await held;
			throw new Error('rolled back');
		});
		for (let i = 0; i < 5; i++) await tick();
		const reading = readCommitted(db(), (r) => names(r));
		// A plain query waits too: on the one shared connection it would see the uncommitted row.
		const plain = names();
		release();
		await expect(writing).rejects.toThrow('rolled back');
		expect(await reading).toEqual([]);
		expect(await plain).toEqual([]);
	});

	it('keeps a plain write made while another transaction is open out of that transaction and its rollback', async () => {
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const refused = transaction(db(), async (tx) => {
			await tx.insert(regions).values({ id: 'refused', name: 'Refused' });
			await held;
			throw new Error('refused after its write');
		});
		for (let i = 0; i < 5; i++) await tick();
		// Other work (a sign-in storing its session, say) writes without a transaction meanwhile.
		const plainWrite = db().insert(regions).values({ id: 'plain', name: 'Plain' }).then(() => 'written');
		release();
		await expect(refused).rejects.toThrow('refused after its write');
		expect(await plainWrite).toBe('written');
		expect(await names()).toEqual(['Plain']);
	});

	it('takes the scope lock as a no-op on SQLite and needs no second read', async () => {
		expect(locksAfterRead(db())).toBe(false);
		await transaction(
			db(),
			async (tx) => {
				await lockScope(tx, 'meeting-1');
				await tx.insert(regions).values({ id: 'l', name: 'Locked' });
			},
			{ lock: 'meeting-1' }
		);
		expect((await first(db().select().from(regions).where(eq(regions.id, 'l'))))?.name).toBe('Locked');
	});
});

describe('group commit on SQLite', () => {
	/** Counts the statements the connection runs through exec (BEGIN, SAVEPOINT, COMMIT, …). */
	function countExecs(d: Db) {
		const sqlite = sqliteHandle(d);
		const spy = vi.spyOn(sqlite, 'exec');
		return {
			count: (sql: string) => spy.mock.calls.filter(([s]) => s === sql).length,
			restore: () => spy.mockRestore()
		};
	}
	const insert = (id: string) => (tx: Db) => tx.insert(regions).values({ id, name: id }).then(() => id);

	it('commits the transactions asked for in one turn in one BEGIN … COMMIT, each in its own savepoint', async () => {
		const execs = countExecs(db());
		const results = await Promise.all([transaction(db(), insert('a')), transaction(db(), insert('b')), transaction(db(), insert('c'))]);
		expect(results).toEqual(['a', 'b', 'c']);
		expect(execs.count('BEGIN IMMEDIATE')).toBe(1);
		expect(execs.count('COMMIT')).toBe(1);
		expect(execs.count('SAVEPOINT member')).toBe(3);
		execs.restore();
		expect(await names()).toEqual(['a', 'b', 'c']);
	});

	it('commits a transaction alone when nothing else came in its turn, without a savepoint', async () => {
		const execs = countExecs(db());
		await transaction(db(), insert('solo'));
		await transaction(db(), insert('next'));
		expect(execs.count('COMMIT')).toBe(2);
		expect(execs.count('SAVEPOINT member')).toBe(0);
		execs.restore();
		expect(await names()).toEqual(['next', 'solo']);
	});

	it('rolls back only the refused part of a group: the others are committed', async () => {
		const refused = transaction(db(), async (tx) => {
			await tx.insert(regions).values({ id: 'refused', name: 'refused' });
			throw new Error('budget spent');
		});
		const first = transaction(db(), insert('first'));
		const last = transaction(db(), insert('last'));
		// A constraint error (a statement failing, not the work throwing) is its own part's too.
		const duplicate = transaction(db(), async (tx) => {
			await tx.insert(regions).values({ id: 'dup', name: 'first' });
		});
		await expect(refused).rejects.toThrow('budget spent');
		await expect(duplicate).rejects.toThrow(/UNIQUE|constraint/i);
		expect(await Promise.all([first, last])).toEqual(['first', 'last']);
		expect(await names()).toEqual(['first', 'last']);
	});

	it('settles no caller before the shared COMMIT, and settles them in the order they asked', async () => {
		const sqlite = sqliteHandle(db());
		const seen: string[] = [];
		const one = (id: string) =>
			transaction(db(), insert(id)).then(() => seen.push(`${id}: ${sqlite.inTransaction ? 'before commit' : 'committed'}`));
		await Promise.all([one('x'), one('y'), one('z')]);
		expect(seen).toEqual(['x: committed', 'y: committed', 'z: committed']);
	});

	it('rejects every caller of the group when the COMMIT fails, and none of its writes is visible', async () => {
		await db().insert(partnerships).values({ id: 'p1', name: 'Partnerschap' });
		const ok = transaction(db(), insert('kept-back'));
		// Deferred foreign keys are checked at COMMIT: this part makes the shared COMMIT fail.
		const breaking = transaction(db(), async (tx) => {
			sqliteHandle(tx).pragma('defer_foreign_keys = ON');
			await tx.insert(partnershipRegions).values({ partnershipId: 'p1', regionId: 'no-such-region' });
			return 'wrote a dangling row';
		});
		const alsoOk = transaction(db(), insert('also-kept-back'));
		await expect(ok).rejects.toThrow(/FOREIGN KEY/i);
		await expect(breaking).rejects.toThrow(/FOREIGN KEY/i);
		await expect(alsoOk).rejects.toThrow(/FOREIGN KEY/i);
		expect(sqliteHandle(db()).inTransaction).toBe(false);
		expect(await names()).toEqual([]);
		expect(await db().select().from(partnershipRegions)).toEqual([]);
		// The connection goes on: the next transaction commits.
		await transaction(db(), insert('after'));
		expect(await names()).toEqual(['after']);
	});

	it('keeps a group from seeing a read in between: a read waits for the group and sees it committed', async () => {
		const writes = [transaction(db(), insert('g1')), transaction(db(), insert('g2'))];
		const read = readCommitted(db(), (r) => names(r));
		await Promise.all(writes);
		expect(await read).toEqual(['g1', 'g2']);
	});
});
