import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens (creating the folder if needed) a SQLite file tuned for one process with many readers. */
export function openDatabase(path: string): Db {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	// NORMAL survives a killed process (what we promise), not a power cut.
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	cachePreparedStatements(sqlite);
	return drizzle(sqlite, { schema }) as Db;
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
