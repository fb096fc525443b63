import type { Db } from './client.ts';
import { joinOpenTransaction } from './transaction.ts';

/**
 * A query built once per database and then only run: drizzle builds a query's SQL text anew on every
 * call, which for our small queries costs more than running them (it dominated the vote path). Write
 * the query with `sql.placeholder(...)` and `.prepare()`, then run it with `await q(db).execute(values)`
 * (rows for a select or a `.returning()`; `execute` is the one method both dialects' prepared queries have).
 *
 * Kept per drizzle session: on SQLite a transaction handle shares its database's session (one
 * better-sqlite3 connection), so a query prepared on the database runs inside a transaction too. On
 * PostgreSQL a transaction has its own session (its connection): a query asked for on the database from
 * inside a transaction's work is prepared on, and runs in, that transaction.
 */
export function preparedQuery<Q>(build: (db: Db) => Q): (db: Db) => Q {
	const bySession = new WeakMap<object, Q>();
	return (given) => {
		const db = joinOpenTransaction(given);
		const session = (db as unknown as { session: object }).session;
		let query = bySession.get(session);
		if (query === undefined) {
			query = build(db);
			bySession.set(session, query);
		}
		return query;
	};
}
