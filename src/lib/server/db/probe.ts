import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { postgresOf } from './open.ts';
import { sqliteHandle } from './sqlite-handle.ts';

/**
 * A real round trip to the database, throwing its error. SQLite: reading the schema touches page 1
 * (a `select 1` would not), and a write lock held too long or a closed or broken file answers with
 * the error. PostgreSQL: `select 1` needs a working connection from the pool.
 */
export async function probeDatabase(db: Db): Promise<void> {
	const pg = postgresOf(db);
	if (pg) await pg.execute(sql`select 1`);
	else sqliteHandle(db).prepare('select count(*) as n from sqlite_master').get();
}
