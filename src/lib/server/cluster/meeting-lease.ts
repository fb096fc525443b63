/**
 * One owner per meeting: a process serves a meeting's rooms only while it holds that meeting's lease, a
 * PostgreSQL SESSION advisory lock taken on one dedicated connection. The lock lives exactly as long as
 * that connection, so it dies with the process (the server sees the socket close) or with the connection,
 * and no process has to remember to give it back. See ./index.ts for how this fits with the proxy and Redis.
 *
 * Not a pool connection: a pool hands connections around and closes idle ones, and a session lock belongs
 * to the connection that took it.
 */
import { leaseKey } from './lease-key.ts';
import { consoleLog, type ClusterLog } from './backoff.ts';
import { createDedicatedConnection } from './dedicated-connection.ts';

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
	const held = new Set<string>();
	const inFlight = new Map<string, Promise<boolean>>();
	// A release that came while its acquire was still on the wire: undone as soon as the lock answers.
	const releaseWhenTaken = new Set<string>();
	let closed = false;

	const connection = createDedicatedConnection({
		url: options.url,
		applicationName: `denktafel-lease ${options.name ?? process.pid}`,
		keepAliveMs: options.keepAliveMs ?? 5_000,
		keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 3_000,
		log,
		onBack: () => log('connection back; leases can be taken again'),
		onLost(error) {
			// The server frees a session's locks with the session: nothing is held any more.
			const ids = [...held];
			held.clear();
			releaseWhenTaken.clear();
			log(`connection lost; ${ids.length} lease(s) gone`, error);
			if (ids.length === 0) return;
			try {
				options.onLost?.(ids);
			} catch (thrown) {
				log('onLost threw', thrown);
			}
		}
	});

	async function take(meetingId: string): Promise<boolean> {
		const answer = await connection.query<{ ok: boolean }>(LOCK, [leaseKey(meetingId)]);
		// No answer, or one from a session that is gone (and its lock with it): nothing is held.
		if (!answer || answer.session !== connection.session) return false;
		const ok = answer.rows[0]?.ok === true;
		if (ok && releaseWhenTaken.delete(meetingId)) {
			await unlock(meetingId);
			return false;
		}
		if (ok) held.add(meetingId);
		return ok;
	}

	// No answer means the session is gone, and its locks with it.
	async function unlock(meetingId: string): Promise<void> {
		await connection.query(UNLOCK, [leaseKey(meetingId)]);
	}

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
			if (held.delete(meetingId)) await unlock(meetingId);
		},
		holds: (meetingId) => held.has(meetingId),
		held: () => [...held],
		get connected() {
			return connection.session !== null;
		},
		async close() {
			closed = true;
			held.clear();
			await connection.close();
		}
	};
}
