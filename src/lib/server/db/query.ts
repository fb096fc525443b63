// Small helpers that keep domain queries dialect-neutral: the same code runs on SQLite and PostgreSQL.

/** The first row of a select (it adds `limit 1`), or undefined. */
export async function first<T>(query: { limit(n: number): PromiseLike<T[]> }): Promise<T | undefined> {
	return (await query.limit(1))[0];
}

/** The first row of a query that already has its limit, or of a `.returning()` write, or undefined. */
export async function firstRow<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
	return (await query)[0];
}

/** How many rows a write changed: SQLite says `changes`, node-postgres `rowCount`. */
export function changedRows(result: unknown): number {
	const r = result as { changes?: number; rowCount?: number | null } | null;
	return Number(r?.changes ?? r?.rowCount ?? 0);
}
