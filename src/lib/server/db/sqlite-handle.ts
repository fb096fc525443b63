import type Database from 'better-sqlite3';

// The SQLite connection behind a Db, for the few SQLite-only tools (Yjs persistence, backup, migrate,
// health, metrics). Domain code never reaches it: it must run on PostgreSQL too.

const SQLITE = Symbol.for('denktafel.sqlite');

type WithSqlite = { [SQLITE]?: Database.Database };

/** Remembers the connection on the Db object (a transaction handle inherits it). */
export function attachSqlite(db: object, sqlite: Database.Database): void {
	(db as WithSqlite)[SQLITE] = sqlite;
}

/** The better-sqlite3 connection of a Db opened by openDatabase; throws for any other database. */
export function sqliteHandle(db: object): Database.Database {
	const sqlite = (db as WithSqlite)[SQLITE];
	if (!sqlite) throw new Error('not a SQLite database');
	return sqlite;
}

/** Whether a Db runs on SQLite. */
export function isSqlite(db: object): boolean {
	return (db as WithSqlite)[SQLITE] !== undefined;
}
