import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from './schema-pg.ts';
import { tracePool } from './pg-trace.ts';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/**
 * int8 (bigint) arrives from node-postgres as a string, because it may not fit a JS number. Our bigint
 * columns are ms timestamps and sequence numbers, far below 2^53, and the SQLite side gives numbers for
 * `count(*)` and `sum(...)` (both int8 in PostgreSQL), so read int8 as a number. A value beyond 2^53 stays
 * a string rather than silently losing digits.
 *
 * This is node-postgres's process-wide parser table: drizzle's queries pass their own type table, which
 * falls back to the global one (a parser set on the pool alone would not reach them).
 */
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (value: string) => {
	const n = Number(value);
	return Number.isSafeInteger(n) ? n : value;
});

export interface OpenPostgres {
	db: PgDb;
	pool: pg.Pool;
	/** Ends every connection of the pool. */
	close(): Promise<void>;
}

/** A drizzle database over a node-postgres pool with the PostgreSQL schema. Connects lazily, per query. */
export function openPostgres(url: string, options: { max?: number } = {}): OpenPostgres {
	const pool = new pg.Pool({
		connectionString: url,
		// 10: measured against 20, and against a second pool of 10 for commands, under the many-rooms load
		// (bench/results/pg-command-path.md): more connections made every round trip slower on a busy
		// machine, and the per-meeting turns (db/scope-turns.ts) keep a burst of one meeting from holding them.
		max: options.max ?? 10,
		// How long a query may wait for a connection: for a free one of the pool (a busy process's requests
		// queue here; a burst of one meeting's commands queues before the pool, in its turn), or for
		// PostgreSQL to answer a connect. PostgreSQL down refuses a connect at once (a 503 upstream); this
		// bounds only a host that does not answer at all.
		connectionTimeoutMillis: 15_000
	});
	// An idle client whose server went away (a restart, a failover) emits 'error' on the pool; without a
	// listener that would end the process. The pool drops that client and the next query opens a new one.
	pool.on('error', () => {});
	// A client lent out (a transaction in progress) has no pool listener: losing its server would emit an
	// unhandled 'error' and end the process. The running query fails with that error instead (the command
	// answers 503), and the pool drops the broken client when it comes back.
	pool.on('connect', (client) => client.on('error', () => {}));
	tracePool(pool);
	const db = drizzle(pool, { schema }) as PgDb;
	return { db, pool, close: () => pool.end() };
}

const defaultFolder = fileURLToPath(new URL('../../../../drizzle/pg', import.meta.url));

/**
 * The session-level advisory lock that serialises migrations: several processes starting together
 * migrate once, the others wait and then find nothing to do. Two int4 keys, a space apart from any
 * single-bigint advisory lock (such as a per-meeting lease).
 */
export const MIGRATION_LOCK: readonly [number, number] = [0x64656e6b /* 'denk' */, 1];

/** The session-level advisory lock held while one process seeds at start (the admin, the demo data). */
export const STARTUP_LOCK: readonly [number, number] = [MIGRATION_LOCK[0], 2];

/**
 * Runs `work` while holding STARTUP_LOCK on a dedicated connection, so processes starting together run
 * it one after another. `work` uses the database's other connections; the lock only orders starts.
 */
export async function withStartupLock<T>(db: PgDb, work: () => Promise<T>): Promise<T> {
	const client = await db.$client.connect();
	const ignore = () => {};
	client.on('error', ignore);
	let failure: Error | undefined;
	try {
		await client.query('select pg_advisory_lock($1, $2)', [...STARTUP_LOCK]);
		try {
			return await work();
		} finally {
			await client.query('select pg_advisory_unlock($1, $2)', [...STARTUP_LOCK]);
		}
	} catch (err) {
		failure = err as Error;
		throw err;
	} finally {
		client.off('error', ignore);
		client.release(failure);
	}
}

/**
 * Applies the drizzle-kit migrations in drizzle/pg (idempotent), holding MIGRATION_LOCK on one dedicated
 * connection for the whole run. Takes an open database (its pool lends the connection) or a URL.
 */
export async function migratePostgres(
	target: PgDb | string,
	migrationsFolder: string = process.env.DENKTAFEL_PG_MIGRATIONS ?? defaultFolder
): Promise<void> {
	const own = typeof target === 'string';
	const client = own ? new pg.Client({ connectionString: target }) : await target.$client.connect();
	// A lost connection while migrating surfaces through the failing query below, not as a process crash.
	const ignore = () => {};
	client.on('error', ignore);
	let failure: Error | undefined;
	try {
		if (own) await client.connect();
		await client.query('select pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
		try {
			// The migrator's own transaction runs on this same connection, under the lock.
			await migrate(drizzle(client), { migrationsFolder });
		} finally {
			await client.query('select pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]);
		}
	} catch (err) {
		failure = err as Error;
		throw err;
	} finally {
		client.off('error', ignore);
		if (own) await client.end().catch(() => {});
		// A pool connection that failed is destroyed, not lent again (it may still hold the lock).
		else (client as pg.PoolClient).release(failure);
	}
}
