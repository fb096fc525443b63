// What a database error means, whichever driver raised it. drizzle wraps a driver's error in its own
// (the driver's is its `cause`), so each test looks down the chain.

type Coded = { code?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };

function* chain(error: unknown): Generator<Coded> {
	for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as Coded).cause, depth++) {
		yield e as Coded;
	}
}

/**
 * A unique key refused a row: PostgreSQL's 23505 naming `constraint` (an index name), or SQLite's
 * SQLITE_CONSTRAINT_UNIQUE naming `column` (`table.column`).
 */
export function isUniqueViolation(error: unknown, key: { constraint: string; column: string }): boolean {
	for (const e of chain(error)) {
		if (e.code === '23505' && e.constraint === key.constraint) return true;
		if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' && String(e.message).includes(key.column)) return true;
	}
	return false;
}

// PostgreSQL's SQLSTATE classes and codes that mean "the database is not there right now", not "this
// query is wrong": 08 connection exceptions, 57P01–57P03 shutting down or starting up, 53300 too many
// connections. node-postgres and the pool report a lost or refused connection without a SQLSTATE.
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES = [
	'Connection terminated',
	'timeout exceeded when trying to connect',
	'Client has encountered a connection error and is not queryable',
	'Client was closed and is not queryable'
];

/** The database cannot be reached (down, restarting, the connection lost): a 503, not a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
	for (const e of chain(error)) {
		const code = typeof e.code === 'string' ? e.code : '';
		if (code.startsWith('08') || UNAVAILABLE_CODES.has(code)) return true;
		const message = typeof e.message === 'string' ? e.message : '';
		if (UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
	}
	return false;
}
