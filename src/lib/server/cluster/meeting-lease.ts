/**
 * One owner per meeting: a process serves a meeting's rooms only while it holds that meeting's lease, a
 * PostgreSQL SESSION advisory lock taken on one dedicated connection. The lock lives exactly as long as
 * that connection, so it dies with the process (the server sees the socket close) or with the connection,
 * and no process has to remember to give it back. See ./index.ts for how this fits with the proxy and Redis.
 *
 * Not a pool connection: a pool hands connections around and closes idle ones, and a session lock belongs
 * to the connection that took it.
 */
import pg from 'pg';
import { leaseKey } from './lease-key.ts';
import { backoffDelay, consoleLog, type ClusterLog } from './backoff.ts';

export interface LeaseOptions {
	url: string;
	/**
	 * The meetings whose leases were just lost with the connection (the hub closes their rooms' sockets
	 * with a transient code, so clients come back through the proxy to whoever owns the meeting now).
	 * Called once per loss, only when something was held. Must not throw (a throw is logged and dropped).
	 */
	onLost?: (meetingIds: string[]) => void;
	/** Shown in pg_stat_activity as `denktafel-lease <name>`, so an operator can see whose connection it is. */
	name?: string;
	/** How often a query checks that the connection still answers (a silently dead one raises no error). */
	keepAliveMs?: number;
	/** No answer to the keep-alive within this time: the connection counts as dead. */
	keepAliveTimeoutMs?: number;
	log?: ClusterLog;
}

export interface MeetingLeases {
	/** True when this process holds the lease now (taken now or before); false when another process does. */
	acquire(meetingId: string): Promise<boolean>;
	/** Gives the lease back; `holds` is false from the moment this returns. */
	release(meetingId: string): Promise<void>;
	holds(meetingId: string): boolean;
	held(): string[];
	/** The dedicated connection is up, so leases can be taken. */
	readonly connected: boolean;
	/** Ends the connection (the server frees every lease with it); no `onLost` for a close. */
	close(): Promise<void>;
}

const LOCK = 'select pg_try_advisory_lock($1::bigint) as ok';
const UNLOCK = 'select pg_advisory_unlock($1::bigint) as ok';

export function createLeases(options: LeaseOptions): MeetingLeases {
	const log = options.log ?? consoleLog('lease');
	const keepAliveMs = options.keepAliveMs ?? 5_000;
	const keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? 3_000;

	let client: pg.Client | null = null; // the connected one; null while down
	let connecting: Promise<void> | null = null;
	let attempt = 0;
	let closed = false;
	let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
	const held = new Set<string>();
	const inFlight = new Map<string, Promise<boolean>>();
	// A release that came while its acquire was still on the wire: undone as soon as the lock answers.
	const releaseWhenTaken = new Set<string>();

	function connect(): void {
		const candidate = new pg.Client({
			connectionString: options.url,
			application_name: `denktafel-lease ${options.name ?? process.pid}`,
			keepAlive: true,
			connectionTimeoutMillis: 5_000
		});
		// Both events can come for one death (an error, then the end): `lost` acts once per client.
		candidate.on('error', (error) => lost(candidate, error));
		candidate.on('end', () => lost(candidate));
		connecting = candidate
			.connect()
			.then(() => {
				if (closed) return void candidate.end().catch(() => {});
				if (attempt > 0) log('connection back; leases can be taken again');
				client = candidate;
				attempt = 0;
			})
			.catch((error) => {
				if (attempt === 0) log('cannot connect; retrying with backoff', error);
				candidate.end().catch(() => {});
				scheduleReconnect();
			})
			.finally(() => {
				connecting = null;
			});
	}

	function scheduleReconnect(): void {
		if (closed || reconnectTimer) return;
		reconnectTimer = setTimeout(() => {
			reconnectTimer = null;
			if (!closed) connect();
		}, backoffDelay(attempt++));
		reconnectTimer.unref();
	}

	function lost(which: pg.Client, error?: unknown): void {
		if (which !== client) return; // an old or never-connected client: handled where it failed
		client = null;
		const ids = [...held];
		held.clear();
		releaseWhenTaken.clear();
		which.end().catch(() => {});
		if (closed) return;
		log(`connection lost; ${ids.length} lease(s) gone`, error);
		if (ids.length > 0) {
			try {
				options.onLost?.(ids);
			} catch (thrown) {
				log('onLost threw', thrown);
			}
		}
		scheduleReconnect();
	}

	// A connection can die without a word (a cut network, a frozen server): ask it something now and then.
	let probing = false;
	const keepAlive = setInterval(() => {
		const current = client;
		if (!current || probing) return;
		probing = true;
		const deadline = setTimeout(() => lost(current, new Error('keep-alive unanswered')), keepAliveTimeoutMs);
		current
			.query('select 1')
			.catch(() => {}) // a dead connection also raises 'error'/'end', handled by `lost`
			.finally(() => {
				clearTimeout(deadline);
				probing = false;
			});
	}, keepAliveMs);
	keepAlive.unref();

	async function take(meetingId: string): Promise<boolean> {
		if (!client && connecting) await connecting;
		const current = client;
		if (!current) return false;
		let ok: boolean;
		try {
			const result = await current.query<{ ok: boolean }>(LOCK, [leaseKey(meetingId)]);
			ok = result.rows[0]?.ok === true;
		} catch {
			return false; // the connection died under the query: nothing is held
		}
		if (current !== client) return false; // lost meanwhile: the lock went with the connection
		if (ok && releaseWhenTaken.delete(meetingId)) {
			await unlock(current, meetingId);
			return false;
		}
		if (ok) held.add(meetingId);
		return ok;
	}

	async function unlock(current: pg.Client, meetingId: string): Promise<void> {
		// A failure means the connection is dying, and its locks with it.
		await current.query(UNLOCK, [leaseKey(meetingId)]).catch(() => {});
	}

	connect();

	return {
		acquire(meetingId) {
			if (closed) return Promise.resolve(false);
			const pending = inFlight.get(meetingId);
			if (pending) {
				releaseWhenTaken.delete(meetingId); // the later call wins
				return pending;
			}
			// Idempotent: a session lock taken twice would need two unlocks, so never ask again.
			if (held.has(meetingId)) return Promise.resolve(true);
			const attemptLock = take(meetingId).finally(() => inFlight.delete(meetingId));
			inFlight.set(meetingId, attemptLock);
			return attemptLock;
		},
		async release(meetingId) {
			const pending = inFlight.get(meetingId);
			if (pending) {
				releaseWhenTaken.add(meetingId);
				await pending;
				return;
			}
			if (!held.delete(meetingId) || !client) return;
			await unlock(client, meetingId);
		},
		holds: (meetingId) => held.has(meetingId),
		held: () => [...held],
		get connected() {
			return client !== null;
		},
		async close() {
			closed = true;
			clearInterval(keepAlive);
			if (reconnectTimer) clearTimeout(reconnectTimer);
			await connecting;
			const current = client;
			client = null;
			held.clear();
			if (current) await current.end().catch(() => {});
		}
	};
}
