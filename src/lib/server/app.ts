import { config } from './config.ts';
import { openDatabase, type Db } from './db/client.ts';
import { TokenBucket } from './auth/rate-limit.ts';
import type { SessionLifetime } from './auth/session.ts';

// Process-wide server state for the SvelteKit side: one database handle and the rate limiters.
// (Shared by all requests on purpose; nothing per-user lives here.)

let db: Db | null = null;

/** The database, opened on first use (vite build imports this module without a database). */
export function appDb(): Db {
	db ??= openDatabase(config().databasePath, { synchronous: config().databaseSynchronous });
	return db;
}

export function sessionLife(now = Date.now()): SessionLifetime {
	return { days: config().sessionDays, now };
}

const MINUTE = 60_000;
// Login and join-code guessing have their own guards (security/guards.ts).
let limiters: { joinIp: TokenBucket } | null = null;

export function rateLimiters() {
	const r = config().rateLimits;
	limiters ??= {
		joinIp: new TokenBucket(r.joinPerIpPerMinute, MINUTE)
	};
	return limiters;
}
