import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './client.ts';
import { tracedLock, tracedTransaction, tracedTurn } from './pg-trace.ts';
import { ScopeTurns } from './scope-turns.ts';
import { useTransactionRunner, type TransactionRunner } from './transaction.ts';

// Transactions on PostgreSQL (a node-postgres pool through drizzle). Unlike SQLite, transactions run
// side by side, each on its own pooled connection:
// - a transaction is drizzle's own (BEGIN … COMMIT on one connection lent by the pool); one started
//   from inside another becomes a SAVEPOINT on the same connection (drizzle's nested `transaction`).
//   Inside is known by the handle (`tx` is marked) or, for a call handed the plain database by
//   mistake, by the async context: a second connection would wait for the first one's locks forever;
// - `lock(tx, scope)` takes a transaction-level advisory lock on the scope (a meeting id), released at
//   COMMIT or ROLLBACK. The key is PostgreSQL's 64-bit hash of the scope text; meeting leases use a
//   namespaced SHA-256 key (cluster/lease-key.ts), so a command never waits for its meeting's lease;
// - a read is a READ ONLY REPEATABLE READ transaction: one snapshot of committed data;
// - a plain query on the database (not the transaction handle) made from inside a transaction's work
//   joins that transaction, as on SQLite: on another pooled connection it would not see the
//   transaction's uncommitted rows, or wait for its locks forever (see joinOpen and guardPlainQueries).

type PgAny = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;

const INSIDE = Symbol.for('denktafel.pgTransaction');

interface Frame {
	readonly pool: object;
	readonly tx: Db;
	open: boolean;
}

type Marked = { [INSIDE]?: Frame };

const current = new AsyncLocalStorage<Frame>();

class PgRunner implements TransactionRunner {
	/** Another transaction may commit between a read and the lock: read the facts again after it. */
	readonly locksAfterRead = true;
	readonly #pool: object;
	readonly #turns = new ScopeTurns();

	constructor(pool: object) {
		this.#pool = pool;
	}

	#frameOf(db: Db): Frame | null {
		const marked = (db as unknown as Marked)[INSIDE];
		if (marked?.open) return marked;
		const context = current.getStore();
		return context?.open && context.pool === this.#pool ? context : null;
	}

	run<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
		const frame = this.#frameOf(db);
		if (frame) {
			// A savepoint on the transaction's own connection (drizzle's nested transaction).
			return (frame.tx as unknown as PgAny).transaction((inner) => this.#enter(inner, work));
		}
		return tracedTransaction('write', () => (db as unknown as PgAny).transaction((tx) => this.#enter(tx, work)));
	}

	read<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
		const frame = this.#frameOf(db);
		if (frame) return work(frame.tx);
		return tracedTransaction('read', () =>
			(db as unknown as PgAny).transaction((tx) => this.#enter(tx, work), {
				isolationLevel: 'repeatable read',
				accessMode: 'read only'
			})
		);
	}

	/**
	 * One command per meeting at a time asks the pool (see scope-turns.ts). Work started from inside an
	 * open transaction runs at once: it is part of that transaction (a savepoint on its connection,
	 * which already holds the lock), and waiting for the turn it is itself in would never end.
	 */
	inTurn<T>(db: Db, scope: string, work: () => Promise<T>): Promise<T> {
		if (this.#frameOf(db)) return work();
		return tracedTurn((queued) => this.#turns.run(scope, queued), work);
	}

	/** The open transaction's handle when called from inside its work on this pool, else `db`. */
	joinOpen(db: Db): Db {
		if ((db as unknown as Marked)[INSIDE]) return db;
		const context = current.getStore();
		return context?.open && context.pool === this.#pool ? context.tx : db;
	}

	async lock(tx: Db, scope: string): Promise<void> {
		await tracedLock(() => (tx as unknown as PgAny).execute(sql`select pg_advisory_xact_lock(hashtextextended(${scope}, 0))`));
	}

	/** Marks a drizzle transaction handle as ours and runs `work` on it, inside its async context. */
	async #enter<T>(handle: unknown, work: (tx: Db) => Promise<T>): Promise<T> {
		const tx = handle as Db;
		useTransactionRunner(tx, this);
		const frame: Frame = { pool: this.#pool, tx, open: true };
		(tx as unknown as Marked)[INSIDE] = frame;
		try {
			return await current.run(frame, () => work(tx));
		} finally {
			frame.open = false;
		}
	}
}

/** Runs this database's transactions on PostgreSQL (see the top of this file). */
export function usePgTransactions(db: object, pool: object): void {
	const runner = new PgRunner(pool);
	useTransactionRunner(db, runner);
	guardPlainQueries(db, runner);
}

interface Session {
	prepareQuery(...args: unknown[]): unknown;
}

/**
 * Every query drizzle prepares on the pool's session (the plain database) goes to the transaction's
 * own session instead while it is made from inside that transaction's work (see the top of this file).
 */
function guardPlainQueries(db: object, runner: PgRunner): void {
	const session = (db as { session: Session }).session;
	const prepare = session.prepareQuery.bind(session);
	session.prepareQuery = (...args) => {
		const inside = runner.joinOpen(db as Db);
		if (inside === db) return prepare(...args);
		return (inside as unknown as { session: Session }).session.prepareQuery(...args);
	};
}
