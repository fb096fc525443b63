import type { Db } from './client.ts';

/**
 * A query built once per database and then only run: drizzle builds a query's SQL text anew on every
 * call, which for our small queries costs more than running them (it dominated the vote path). Write
 * the query with `sql.placeholder(...)` and `.prepare()`, then run it with values.
 *
 * Kept per drizzle session: a transaction shares its database's session (one better-sqlite3
 * connection, synchronous), so a query prepared on the database runs inside a transaction too.
 */
export function preparedQuery<Q>(build: (db: Db) => Q): (db: Db) => Q {
	const bySession = new WeakMap<object, Q>();
	return (db) => {
		const session = (db as unknown as { session: object }).session;
		let query = bySession.get(session);
		if (query === undefined) {
			query = build(db);
			bySession.set(session, query);
		}
		return query;
	};
}
