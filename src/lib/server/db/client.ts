import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as schema from './schema-sqlite.ts';
import { attachSqlite, sqliteHandle as sqliteOf } from './sqlite-handle.ts';
import { useSqliteTransactions } from './sqlite-transactions.ts';

/**
 * The database as the domain sees it: drizzle's ASYNC type, so every query is awaited
 * (`await db.select()…` gives rows) and the same code runs on PostgreSQL later. On SQLite the
 * builders run synchronously underneath; awaiting them works because drizzle's builders are thenables.
 * The SQLite connection itself is reachable only through `sqliteHandle(db)` (src/lib/server/db/).
 */
export type Db = BaseSQLiteDatabase<'async', unknown, typeof schema>;

/**
 * How hard a commit waits for the disk. NORMAL (the default): a commit is acknowledged once it is in
 * the WAL file; a killed process loses nothing, but a power cut (or a kernel crash) may lose the
 * commits since the WAL was last synced to disk, at the last checkpoint (typically the last second or
 * few). FULL: every commit waits for an fsync, so nothing acknowledged is ever lost, at the price of
 * one fsync per command: the 3,000-vote burst took 27–31 s instead of 6–10 s on the shared test
 * machine (bench/results/durability.json), far beyond its 3 s aim. Operators choose with
 * DATABASE_SYNCHRONOUS.
 */
export type Synchronous = 'full' | 'normal';

/** Opens (creating the folder if needed) a SQLite file tuned for one process with many readers. */
export function openDatabase(path: string, options: { synchronous?: Synchronous } = {}): Db {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	// NORMAL survives a killed process, not a power cut: see Synchronous.
	sqlite.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	cachePreparedStatements(sqlite);
	// A sync drizzle database typed as async: see Db.
	const db = drizzle(sqlite, { schema }) as unknown as Db;
	attachSqlite(db, sqlite);
	useSqliteTransactions(db, sqlite);
	return db;
}

/**
 * drizzle prepares every query anew, and preparing costs more than running one of our small queries.
 * Statements are kept by their SQL text (the most recent few hundred) and handed out reset to their
 * default mode: drizzle switches some to raw rows itself. Safe because every query runs to completion
 * synchronously before the next one starts.
 */
function cachePreparedStatements(sqlite: Database.Database, max = 500): void {
	const prepare = sqlite.prepare.bind(sqlite);
	const cache = new Map<string, Database.Statement>();
	sqlite.prepare = ((source: string) => {
		let stmt = cache.get(source);
		if (stmt) {
			cache.delete(source);
			cache.set(source, stmt);
			if (stmt.reader) stmt.raw(false);
			return stmt;
		}
		stmt = prepare(source);
		cache.set(source, stmt);
		if (cache.size > max) cache.delete(cache.keys().next().value!);
		return stmt;
	}) as typeof sqlite.prepare;
}

/** Closes the database's connection (tests, shutdown). */
export function closeDatabase(db: Db): void {
	sqliteOf(db).close();
}

export { sqliteHandle } from './sqlite-handle.ts';
