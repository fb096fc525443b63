import type { Db } from './client.ts';

// One way to run a transaction, whatever the database. The runner is chosen per Db object when it is
// opened (SQLite now; PostgreSQL plugs in its own without touching a caller).
//
// Contract for `work`: await nothing but the database inside it (no network, no timers, no hub). On
// SQLite every transaction waits its turn in one queue, so a transaction that waited on anything else
// would hold up every writer in the process; on PostgreSQL it would hold its locks that long.

export interface TransactionRunner {
	/**
	 * Runs `work` in a transaction: commits when it resolves, rolls back and rethrows when it throws.
	 * `tx` is the handle every query of the transaction goes through; a nested `transaction(tx, …)`
	 * must not wait for itself (a savepoint, or the driver's nesting).
	 */
	run<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T>;
	/**
	 * Runs reads that must see committed data only, and all of it as of one moment (what the hub
	 * writes into docs). SQLite: a read transaction in its turn (the connection is shared, so a read
	 * in between could see another transaction's uncommitted writes).
	 */
	read<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T>;
	/**
	 * Serializes the rest of the transaction `tx` with every other transaction naming the same scope
	 * (a meeting id). SQLite: nothing to do (one writer at a time already).
	 */
	lock(tx: Db, scope: string): Promise<void>;
	/**
	 * True when other transactions may have run between what this one read and its `lock` (PostgreSQL):
	 * read the facts again after locking. False on SQLite (nothing runs between).
	 */
	readonly locksAfterRead: boolean;
	/**
	 * The handle a query on `db` must use right now: the open transaction's when called from inside its
	 * work and that transaction runs on another connection than `db` (PostgreSQL), else `db`.
	 */
	joinOpen?(db: Db): Db;
	/**
	 * Runs `work` (which opens a transaction on `db` and locks `scope` in it) once the work before it
	 * for the same scope in this process has ended, so that commands of one meeting wait their turn
	 * without holding a connection each (PostgreSQL; see scope-turns.ts). Absent: run at once (SQLite,
	 * whose one writer queue already serialises everything).
	 */
	inTurn?<T>(db: Db, scope: string, work: () => Promise<T>): Promise<T>;
}

const RUNNER = Symbol.for('denktafel.transactionRunner');

type WithRunner = { [RUNNER]?: TransactionRunner };

/** Chooses how transactions run on this database (at open; a transaction handle inherits it). */
export function useTransactionRunner(db: object, runner: TransactionRunner): void {
	(db as WithRunner)[RUNNER] = runner;
}

function runnerOf(db: Db): TransactionRunner {
	const runner = (db as unknown as WithRunner)[RUNNER];
	if (!runner) throw new Error('this database has no transaction runner (open it with openDatabase)');
	return runner;
}

/**
 * Runs `work` in one transaction on `db` (or, when `db` is already a transaction handle, as a nested
 * part of it). `lock` names the scope to serialize on (the meeting id); see TransactionRunner.lock.
 * Await only the database inside `work`: see the top of this file.
 */
export async function transaction<T>(db: Db, work: (tx: Db) => Promise<T>, options: { lock?: string } = {}): Promise<T> {
	const runner = runnerOf(db);
	const lock = options.lock;
	if (lock === undefined) return runner.run(db, work);
	return runner.run(db, async (tx) => {
		await runner.lock(tx, lock);
		return work(tx);
	});
}

/** Reads committed data as of one moment (see TransactionRunner.read); await only the database inside. */
export function readCommitted<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
	return runnerOf(db).read(db, work);
}

/** The handle queries on `db` must go through now (see TransactionRunner.joinOpen). */
export function joinOpenTransaction(db: Db): Db {
	const runner = (db as unknown as WithRunner)[RUNNER];
	return runner?.joinOpen?.(db) ?? db;
}

/**
 * Runs `work` in `scope`'s turn in this process (see TransactionRunner.inTurn); at once when the scope is
 * unknown (null) or the database needs no turns. An optimisation only: `work` must still lock the scope.
 */
export function inScopeTurn<T>(db: Db, scope: string | null, work: () => Promise<T>): Promise<T> {
	const runner = runnerOf(db);
	return scope === null || !runner.inTurn ? work() : runner.inTurn(db, scope, work);
}

/** Takes the scope lock inside a running transaction (see TransactionRunner.lock). */
export function lockScope(tx: Db, scope: string): Promise<void> {
	return runnerOf(tx).lock(tx, scope);
}

/** Whether facts read before `lockScope` must be read again after it (see TransactionRunner). */
export function locksAfterRead(db: Db): boolean {
	return runnerOf(db).locksAfterRead;
}
