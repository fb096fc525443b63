import { closeDatabase, openDatabase, type Db, type Synchronous } from './client.ts';
import { DIALECT, dialectOf, type Dialect } from './dialect.ts';
import { migrateDatabase } from './migrate.ts';
import { migratePostgres, openPostgres, type PgDb } from './postgres.ts';
import { usePgTransactions } from './pg-transactions.ts';
import { isSqlite } from './sqlite-handle.ts';

// The app's database, either dialect: DATABASE_URL=postgres://… selects PostgreSQL, else the SQLite file
// at DATABASE_PATH. Only start-up, shutdown and the operator tools call these; the domain gets a Db.

export interface DatabaseConfig {
	/** `postgres://…` or `postgresql://…`: PostgreSQL. Null: SQLite. */
	databaseUrl: string | null;
	databasePath: string;
	databaseSynchronous: Synchronous;
}

const POSTGRES = Symbol.for('denktafel.postgres');

type WithPostgres = { [POSTGRES]?: { pool: PgDb['$client']; pg: PgDb; close(): Promise<void> } };

/** Opens the configured database (PostgreSQL connects lazily, per query). */
export function openAppDatabase(config: DatabaseConfig): Db {
	const dialect = dialectOf(config.databaseUrl ?? undefined);
	// The tables were chosen at module load from DATABASE_URL (db/schema.ts): the database must match.
	if (dialect !== DIALECT) {
		throw new Error(`DATABASE_URL selects ${dialect}, but this process loaded the ${DIALECT} tables (set DATABASE_URL before start)`);
	}
	if (dialect === 'sqlite') return openDatabase(config.databasePath, { synchronous: config.databaseSynchronous });
	const opened = openPostgres(config.databaseUrl!);
	usePgTransactions(opened.db, opened.pool);
	(opened.db as WithPostgres)[POSTGRES] = { pool: opened.pool, pg: opened.db, close: opened.close };
	// The domain's Db type is drizzle's async SQLite one: the PostgreSQL tables stand in for the SQLite
	// ones (db/schema.ts) and every query is awaited, so the same code runs on both.
	return opened.db as unknown as Db;
}

/** Which database a Db runs on. */
export function dialectOfDb(db: Db): Dialect {
	return isSqlite(db) ? 'sqlite' : 'postgres';
}

/** The PostgreSQL side of a Db opened by openAppDatabase, or null on SQLite. */
export function postgresOf(db: Db): PgDb | null {
	return (db as unknown as WithPostgres)[POSTGRES]?.pg ?? null;
}

/** The node-postgres pool of a Db opened by openAppDatabase (the hub's doc store uses it), or null on SQLite. */
export function postgresPool(db: Db): PgDb['$client'] | null {
	return (db as unknown as WithPostgres)[POSTGRES]?.pool ?? null;
}

/**
 * Brings the schema up to date: SQLite's migrations in drizzle/, PostgreSQL's in drizzle/pg under an
 * advisory lock (several processes starting together migrate once).
 */
export async function migrateAppDatabase(db: Db): Promise<void> {
	const pg = postgresOf(db);
	if (pg) await migratePostgres(pg);
	else migrateDatabase(db);
}

/** Closes the database: the SQLite file, or every connection of the PostgreSQL pool. */
export async function closeAppDatabase(db: Db): Promise<void> {
	const postgres = (db as unknown as WithPostgres)[POSTGRES];
	if (postgres) await postgres.close();
	else closeDatabase(db);
}
