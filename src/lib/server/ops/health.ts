import type { Db } from '../db/client.ts';

export type Health = { ok: true } | { ok: false; reason: string };

/**
 * A real round trip to the database file: reading the schema touches page 1 (a `select 1` would
 * not), and a write lock held too long or a closed or broken file answers with the error.
 */
export function checkDatabase(db: () => Db): Health {
	try {
		db().$client.prepare('select count(*) as n from sqlite_master').get();
		return { ok: true };
	} catch (error) {
		return { ok: false, reason: error instanceof Error ? error.message : String(error) };
	}
}
