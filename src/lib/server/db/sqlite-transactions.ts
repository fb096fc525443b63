import type Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './client.ts';
import { useTransactionRunner, type TransactionRunner } from './transaction.ts';

// Transactions on one better-sqlite3 connection. drizzle's own `transaction()` there is synchronous
// and refuses an async callback, so we run BEGIN/COMMIT ourselves:
// - one queue per connection (FIFO): one transaction at a time, in the order they were asked for;
//   without it two async transactions would interleave their statements on the one connection;
// - BEGIN IMMEDIATE: takes the write lock at the start, so another process (a backup, a migration)
//   makes us wait at BEGIN (busy_timeout), never fail halfway;
// - a transaction started from inside another (a domain function that opens its own, called with the
//   frame's `tx`) must not queue behind itself, which would never end: it becomes a SAVEPOINT.
//   Inside is known by the handle (`tx` is marked) or, for a call that was handed the plain database
//   by mistake, by the async context.
// - a plain query (no transaction) from other work while a transaction is open would run on the same
//   connection inside it: see its uncommitted rows, or have its write rolled back with it. Such a
//   query waits its turn in the queue instead (see guardPlainQueries).

const INSIDE = Symbol.for('denktafel.sqliteTransaction');

interface Frame {
	readonly sqlite: Database.Database;
	readonly tx: Db;
	/** Savepoints made so far in this transaction (names must differ while nested). */
	savepoints: number;
	open: boolean;
}

type Marked = { [INSIDE]?: Frame };

const current = new AsyncLocalStorage<Frame>();

function frameOf(db: Db, sqlite: Database.Database): Frame | null {
	const marked = (db as unknown as Marked)[INSIDE];
	if (marked?.open) return marked;
	const context = current.getStore();
	return context?.open && context.sqlite === sqlite ? context : null;
}

/** Queues whole transactions on one connection, one after another. */
class SqliteRunner implements TransactionRunner {
	readonly locksAfterRead = false;
	readonly #sqlite: Database.Database;
	#tail: Promise<unknown> = Promise.resolve();
	/** The transaction open on the connection right now, if any. */
	#open: Frame | null = null;

	constructor(sqlite: Database.Database) {
		this.#sqlite = sqlite;
	}

	run<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
		const frame = frameOf(db, this.#sqlite);
		if (frame) return this.#savepoint(frame, work);
		return this.#queue(() => this.#transaction(db, work, 'BEGIN IMMEDIATE'));
	}

	read<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
		const frame = frameOf(db, this.#sqlite);
		if (frame) return work(frame.tx);
		// Deferred: a read takes no write lock, and sees one snapshot until it ends.
		return this.#queue(() => this.#transaction(db, work, 'BEGIN'));
	}

	/**
	 * Runs one statement of plain (non-transaction) work now, or, while a transaction of other work
	 * is open on the connection, in the queue after it. Returns its result or a promise of it.
	 */
	plain<T>(statement: () => T): T | Promise<T> {
		const open = this.#open;
		if (open === null || current.getStore() === open) return statement();
		return this.#queue(async () => statement());
	}

	#queue<T>(turn: () => Promise<T>): Promise<T> {
		const result = this.#tail.then(turn);
		// The next transaction waits for this one to end, however it ends.
		this.#tail = result.catch(() => undefined);
		return result;
	}

	lock(): Promise<void> {
		return Promise.resolve();
	}

	async #transaction<T>(db: Db, work: (tx: Db) => Promise<T>, begin: 'BEGIN IMMEDIATE' | 'BEGIN'): Promise<T> {
		const sqlite = this.#sqlite;
		const tx = Object.create(db) as Db;
		const frame: Frame = { sqlite, tx, savepoints: 0, open: true };
		(tx as unknown as Marked)[INSIDE] = frame;
		sqlite.exec(begin);
		this.#open = frame;
		try {
			const result = await current.run(frame, () => work(tx));
			sqlite.exec('COMMIT');
			return result;
		} catch (error) {
			// A failed statement may already have ended the transaction (SQLite rolls back on some errors).
			if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
			throw error;
		} finally {
			frame.open = false;
			this.#open = null;
		}
	}

	async #savepoint<T>(frame: Frame, work: (tx: Db) => Promise<T>): Promise<T> {
		const name = `nested_${++frame.savepoints}`;
		const sqlite = frame.sqlite;
		sqlite.exec(`SAVEPOINT ${name}`);
		try {
			const result = await work(frame.tx);
			sqlite.exec(`RELEASE ${name}`);
			return result;
		} catch (error) {
			if (sqlite.inTransaction) {
				sqlite.exec(`ROLLBACK TO ${name}`);
				sqlite.exec(`RELEASE ${name}`);
			}
			throw error;
		}
	}
}

/** Runs this database's transactions through one FIFO queue on its connection. */
export function useSqliteTransactions(db: object, sqlite: Database.Database): void {
	const runner = new SqliteRunner(sqlite);
	useTransactionRunner(db, runner);
	guardPlainQueries(db, runner);
}

type Runs = Record<'run' | 'all' | 'get' | 'values', (...args: unknown[]) => unknown>;
interface Session {
	prepareQuery(...args: unknown[]): Runs;
}

// Statements of one query call each other (`all` reads through `values`): only the outermost waits.
let depth = 0;

/**
 * Every query drizzle prepares on this database (a transaction handle shares the session) runs through
 * `runner.plain`, so plain work never lands inside another's open transaction. Domain code awaits
 * every query, so a result that comes as a promise is the same to it.
 */
function guardPlainQueries(db: object, runner: SqliteRunner): void {
	const session = (db as { session: Session }).session;
	const prepare = session.prepareQuery.bind(session);
	session.prepareQuery = (...args) => {
		const query = prepare(...args);
		for (const method of ['run', 'all', 'get', 'values'] as const) {
			const statement = query[method].bind(query);
			const once = (params: unknown[]) => () => {
				depth++;
				try {
					return statement(...params);
				} finally {
					depth--;
				}
			};
			query[method] = (...params) => (depth > 0 ? statement(...params) : runner.plain(once(params)));
		}
		return query;
	};
}
