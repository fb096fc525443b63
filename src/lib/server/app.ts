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

/** Joins per client address: false means "too many, wait" (may answer later: Redis in cluster mode). */
export interface JoinLimit {
	consume(key: string): boolean | Promise<boolean>;
}

// Kept on globalThis, as the command limit is (commands/frame.ts): in cluster mode the Node-run server
// sets the Redis-backed limit (server/cluster-hub.ts) before the first request, and this bundle's copy of
// the module must see it. Login and join-code guessing have their own guards (security/guards.ts).
const JOIN_LIMIT_KEY = Symbol.for('denktafel.join-per-ip');
type JoinRegistry = { [JOIN_LIMIT_KEY]?: JoinLimit };

/** Replaces the join limit (cluster mode: one budget per address across processes). */
export function limitJoinsPerAddress(limit: JoinLimit): void {
	(globalThis as JoinRegistry)[JOIN_LIMIT_KEY] = limit;
}

export function rateLimiters(): { joinIp: JoinLimit } {
	const registry = globalThis as JoinRegistry;
	registry[JOIN_LIMIT_KEY] ??= new TokenBucket(config().rateLimits.joinPerIpPerMinute, MINUTE);
	return { joinIp: registry[JOIN_LIMIT_KEY] };
}
