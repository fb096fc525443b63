import type { Db } from './client.ts';
import { sqliteHandle } from './sqlite-handle.ts';

/**
 * A real round trip to the database, throwing its error: on SQLite reading the schema touches page 1
 * (a `select 1` would not), and a write lock held too long or a closed or broken file answers with
 * the error.
 */
export async function probeDatabase(db: Db): Promise<void> {
	sqliteHandle(db).prepare('select count(*) as n from sqlite_master').get();
}
