import type Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './client.ts';
import { useTransactionRunner, type TransactionRunner } from './transaction.ts';

// Transactions on one better-sqlite3 connection. drizzle's own `transaction()` there is synchronous
// and refuses an async callback, so we run BEGIN/COMMIT ourselves:
// - one queue per connection (FIFO): one transaction at a time, in the order they were asked for;
//   without it two async transactions would interleave their statements on the one connection;
// - group commit: the transactions asked for in one turn of the event loop (and while the previous
//   group runs) share ONE BEGIN IMMEDIATE … COMMIT, each inside its own SAVEPOINT, one after another
//   in the order asked. A refusal or error rolls back its own part only. Every caller hears of its
//   outcome after the shared COMMIT (an acknowledged command is committed); when the COMMIT fails,
//   every caller of the group gets that error and none of the group's writes is visible. The
//   callers are settled in order in one go, so what they do next (publish their change) happens in
//   commit order. A COMMIT per command was the vote burst's largest single cost (`exec`);
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

/** How many transactions one group commit holds at most: bounds a group's wait and a failure's reach. */
const GROUP_MAX = 64;

/** One caller's transaction in a group commit. */
interface Member {
	db: Db;
	work: (tx: Db) => Promise<unknown>;
	resolve(value: unknown): void;
	reject(error: unknown): void;
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/** The end of this turn of the event loop: what else this turn asks for can still join the group. */
const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Queues whole transactions on one connection, one after another, committed in groups. */
class SqliteRunner implements TransactionRunner {
	readonly locksAfterRead = false;
	readonly #sqlite: Database.Database;
	#tail: Promise<unknown> = Promise.resolve();
	/** The transaction open on the connection right now, if any. */
	#open: Frame | null = null;
	/** The group still taking members (it has not begun), if any. */
	#gathering: Member[] | null = null;

	constructor(sqlite: Database.Database) {
		this.#sqlite = sqlite;
	}

	run<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
		const frame = frameOf(db, this.#sqlite);
		if (frame) return this.#savepoint(frame, work);
		return new Promise<T>((resolve, reject) => {
			const member: Member = { db, work, resolve: resolve as (value: unknown) => void, reject };
			if (this.#gathering && this.#gathering.length < GROUP_MAX) {
				this.#gathering.push(member);
				return;
			}
			const group = [member];
			this.#gathering = group;
			void this.#queue(() => this.#commitGroup(group));
		});
	}

	read<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
		const frame = frameOf(db, this.#sqlite);
		if (frame) return work(frame.tx);
		// Deferred: a read takes no write lock, and sees one snapshot until it ends. Never in a group:
		// it must not see the uncommitted parts of others.
		return this.#queue(() => this.#read(db, work));
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

	#frame(db: Db): Frame {
		const tx = Object.create(db) as Db;
		const frame: Frame = { sqlite: this.#sqlite, tx, savepoints: 0, open: true };
		(tx as unknown as Marked)[INSIDE] = frame;
		return frame;
	}

	/** Runs one member's work in the open transaction (in its own savepoint when it has company). */
	async #member(member: Member, alone: boolean): Promise<Settled> {
		const sqlite = this.#sqlite;
		const frame = this.#frame(member.db);
		if (!alone) sqlite.exec('SAVEPOINT member');
		const outside = this.#open;
		this.#open = frame;
		try {
			const value = await current.run(frame, () => member.work(frame.tx));
			if (!alone) sqlite.exec('RELEASE member');
			return { ok: true, value };
		} catch (error) {
			// A failed statement may already have ended the whole transaction (SQLite rolls back on some
			// errors): the caller of the group sees that by `inTransaction`.
			if (!alone && sqlite.inTransaction) {
				sqlite.exec('ROLLBACK TO member');
				sqlite.exec('RELEASE member');
			}
			return { ok: false, error };
		} finally {
			frame.open = false;
			this.#open = outside;
		}
	}

	async #commitGroup(group: Member[]): Promise<void> {
		await endOfTurn();
		if (this.#gathering === group) this.#gathering = null;
		const sqlite = this.#sqlite;
		const alone = group.length === 1;
		const settled: Settled[] = [];
		// Members whose work sits in the open transaction, waiting for its COMMIT.
		let pending: number[] = [];
		const fail = (indexes: number[], error: unknown) => {
			for (const i of indexes) settled[i] = { ok: false, error };
		};
		// Between members no transaction of other work may slip in: the connection stays "open".
		const between = this.#frame(group[0].db);
		try {
			for (let i = 0; i < group.length; i++) {
				if (!sqlite.inTransaction) {
					try {
						sqlite.exec('BEGIN IMMEDIATE');
					} catch (error) {
						fail(group.slice(i).map((_, k) => i + k), error);
						break;
					}
					this.#open = between;
				}
				const outcome = await this.#member(group[i], alone);
				settled[i] = outcome;
				if (outcome.ok) pending.push(i);
				else if (!sqlite.inTransaction) {
					// The failure ended the whole transaction: the earlier members' work went with it.
					fail(pending, outcome.error);
					pending = [];
				} else if (alone) sqlite.exec('ROLLBACK');
			}
			if (sqlite.inTransaction) {
				try {
					sqlite.exec('COMMIT');
				} catch (error) {
					if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
					fail(pending, error);
				}
			}
		} finally {
			between.open = false;
			this.#open = null;
		}
		// In order and in one go: the callers carry on (and publish) in commit order.
		for (let i = 0; i < group.length; i++) {
			const outcome = settled[i];
			if (outcome.ok) group[i].resolve(outcome.value);
			else group[i].reject(outcome.error);
		}
	}

	async #read<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
		const sqlite = this.#sqlite;
		const frame = this.#frame(db);
		sqlite.exec('BEGIN');
		this.#open = frame;
		try {
			const result = await current.run(frame, () => work(frame.tx));
			sqlite.exec('COMMIT');
			return result;
		} catch (error) {
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
