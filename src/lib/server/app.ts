import { config } from './config.ts';
import type { Db } from './db/client.ts';
import { openAppDatabase } from './db/open.ts';
import { TokenBucket } from './auth/rate-limit.ts';
import { ensureCommandLimit } from './commands/frame.ts';
import type { SessionLifetime } from './auth/session.ts';

// Process-wide server state for the SvelteKit side: one database handle and the rate limiters.
// (Shared by all requests on purpose; nothing per-user lives here.)

const MINUTE = 60_000;
let db: Db | null = null;

/** The database, opened on first use (vite build imports this module without a database). */
export function appDb(): Db {
	if (!db) {
		db = openAppDatabase(config());
		// This side serves people: from here on every command is limited per person (the frame holds it,
		// one bucket for this bundle and the hub's socket door; whichever starts first makes it).
		ensureCommandLimit(() => new TokenBucket(config().rateLimits.commandsPerPersonPerMinute, MINUTE));
	}
	return db;
}

export function sessionLife(now = Date.now()): SessionLifetime {
	return { days: config().sessionDays, now };
}

// Login and join-code guessing have their own guards (security/guards.ts).
let limiters: { joinIp: TokenBucket } | null = null;

export function rateLimiters() {
	const r = config().rateLimits;
	limiters ??= {
		joinIp: new TokenBucket(r.joinPerIpPerMinute, MINUTE)
	};
	return limiters;
}
