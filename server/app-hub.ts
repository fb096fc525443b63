import type { IncomingMessage } from 'node:http';
import { readConfig, type Config } from '../src/lib/server/config.ts';
import type { Db } from '../src/lib/server/db/client.ts';
import { prepareDatabase, type PreparedDatabase } from '../src/lib/server/startup/prepare-database.ts';
import { authorizeRoom } from '../src/lib/server/access/authorize-room.ts';
import { readSessionCookie } from '../src/lib/server/auth/cookies.ts';
import { projectChange, reconcileRoom } from '../src/lib/server/boards/project-change.ts';
import { registerHub } from '../src/lib/server/realtime-seam.ts';
import { ensureCommandLimit } from '../src/lib/server/commands/frame.ts';
import { runSocketCommand } from '../src/lib/server/commands/socket-door.ts';
import { localeFromCookieHeader } from '../src/lib/server/i18n/locale-cookie.ts';
import { TokenBucket } from '../src/lib/server/auth/rate-limit.ts';
import { createHub } from './hub/index.ts';
import { createSqlitePersistence } from './persistence/sqlite.ts';
import { createDocVerifier, type DocVerifier } from './verify-docs.ts';
import { createPostgresPersistence } from './persistence/postgres.ts';
import { postgresPool } from '../src/lib/server/db/open.ts';
import type { DocPersistence } from './persistence/types.ts';
import { CLOSE } from './hub/close-codes.ts';
import { createCluster, isClusterMode, type Cluster } from './cluster-hub.ts';
export { demoLoginLines } from './banner.ts';

export type Hub = ReturnType<typeof createHub>;

/** How long, at least, a socket that reached a process without its meeting's lease waits for its 4503. */
const NOT_OWNER_PAUSE_MS = 500;

/** The origin a request was made to: ORIGIN when configured, else its own scheme and Host header. */
export function requestOrigin(config: Config, req: IncomingMessage): string {
	if (config.origin) return config.origin;
	const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
	return `${encrypted ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

/** The Yjs doc store on the app's own database: PostgreSQL's pool, or SQLite's connection. */
function docStoreFor(db: Db): DocPersistence {
	const pool = postgresPool(db);
	return pool ? createPostgresPersistence(pool) : createSqlitePersistence(db);
}

/** Creates the realtime hub on the app's database, with our access rules, and registers it on the seam. */
export function createAppHub(db: Db, config: Config): Hub {
	// Cluster mode sets the shared (Redis) limits first; then ensureCommandLimit below keeps them.
	const cluster: Cluster | null = isClusterMode(config) ? createCluster(db, config) : null;
	// Commands on room sockets share each person's budget with the HTTP doors (one bucket, see frame.ts).
	ensureCommandLimit(() => new TokenBucket(config.rateLimits.commandsPerPersonPerMinute, 60_000));
	// A switch for tests, not a setting: every spawned test server checks its docs against SQL.
	let verifier: DocVerifier | null = null;
	const hub = createHub({
		persistence: docStoreFor(db),
		authorize: async (req, room) => {
			const params = new URL(req.url ?? '/', 'http://x').searchParams;
			const verdict = await authorizeRoom(
				db,
				readSessionCookie(req.headers.cookie),
				room,
				{ days: config.sessionDays, now: Date.now() },
				params.get('projector')
			);
			if (!verdict.ok) return verdict;
			// The meeting the proxy hashed on must be the room's own: a socket must not reach one meeting's
			// owner under another meeting's name. Absent is fine (stock clients, scripts).
			const claimed = params.get('meeting');
			if (claimed !== null && claimed !== verdict.roomMeetingId) return { ok: false, code: CLOSE.notAllowed };
			// Last, with nothing awaited after it: the room opens in the same turn the lease is confirmed.
			if (cluster && !(await cluster.claim(room, verdict.roomMeetingId))) {
				// The client retries at once after a socket that opened (y-websocket backs off only after
				// failed connects), and the proxy sends it here again until the lease moves: answer slowly, so
				// a room of clients waiting for a new owner costs a few upgrades a second, not hundreds.
				await new Promise((resolve) => setTimeout(resolve, NOT_OWNER_PAUSE_MS * (1 + Math.random())));
				return { ok: false, code: CLOSE.notOwner };
			}
			return { ok: true, identity: { ...verdict.identity, locale: localeFromCookieHeader(req.headers.cookie) } };
		},
		command: (identity, room, text) =>
			runSocketCommand(db, {
				holder: identity,
				room,
				text,
				locale: identity.locale,
				life: { days: config.sessionDays, now: Date.now() }
			}),
		expectedOrigin: (req) => requestOrigin(config, req),
		reconcile: (room, write) => reconcileRoom(db, room, write),
		project: (change) => (verifier ? verifier.wrap(projectChange(db, change)) : projectChange(db, change)),
		onRoomUnload: cluster ? (room) => cluster.roomUnloaded(room) : undefined,
		// The hub's one timer must tick several times per ping period for the idle cut to be timely.
		limits: {
			pingIntervalMs: config.wsPingIntervalMs,
			tickMs: Math.min(5_000, Math.ceil(config.wsPingIntervalMs / 4)),
			socketsPerParticipantSession: config.hub.socketsPerParticipant,
			socketsPerStaffSession: config.hub.socketsPerStaff,
			syncBurst: config.hub.syncBurst
		}
	});
	if (process.env.DENKTAFEL_VERIFY_DOCS === '1') verifier = createDocVerifier(db, () => hub.settled());
	if (!cluster) {
		registerHub(hub);
		return hub;
	}
	cluster.attach(hub);
	registerHub(cluster.seam(hub));
	console.log(`[cluster] ${config.nodeName}: one owner per meeting on PostgreSQL, hints and limits through Redis`);
	return {
		...hub,
		async close() {
			await hub.close();
			await cluster.close();
		}
	};
}

/** Everything the realtime side needs at start: config, a migrated (and seeded) database, the hub. */
export async function startAppHub(): Promise<PreparedDatabase & { config: Config; hub: Hub }> {
	const config = readConfig();
	const prepared = await prepareDatabase(config);
	const hub = createAppHub(prepared.db, config);
	return { ...prepared, config, hub };
}
