/**
 * The pieces between processes, for running Denktafel as several processes on PostgreSQL and Redis
 * (DESIGN.md "Scale path", issue 17). One process on one SQLite file needs none of this.
 *
 * One owner per meeting, routed by the meeting id:
 * - The proxy (HAProxy or nginx) hashes the meeting id that every socket and command names, so a
 *   meeting's traffic reaches one process while the set of processes stays the same.
 * - That process serves the meeting's rooms only while it holds the meeting's lease (meeting-lease.ts):
 *   a PostgreSQL session advisory lock on one dedicated connection, gone with the process or the
 *   connection. A socket that reaches a process without the lease is closed with a transient code; the
 *   client retries and reaches the owner (or this process, once it could take the lease).
 * - PostgreSQL is the source of truth. A command may commit on any process (a form posted to the wrong
 *   one, a management page); that process then sends the owner a hint through Redis (hint-bus.ts): "meeting
 *   M changed, re-read rooms R". Logout, a disabled account and deleted personal data are control
 *   messages every process acts on, since a person's sockets can be on any of them.
 * - Redis is never the truth: a lost hint is repaired when the subscription comes back (`onReconnect`) and
 *   by the hub's slow re-check of loaded rooms. Publishing never waits for Redis.
 * - Per-person limits live in Redis too (shared-limits.ts), falling back to each process's memory while
 *   Redis is away.
 * - Presence (awareness) never crosses processes: everyone in a meeting is connected to its owner.
 *
 * These modules only take a URL and callbacks; server/cluster-hub.ts wires them into the app and the hub
 * when DATABASE_URL is PostgreSQL and REDIS_URL is set.
 */
export { createLeases, type LeaseOptions, type MeetingLeases } from './meeting-lease.ts';
export { leaseKey } from './lease-key.ts';
export { createHintBus, type BusStats, type HintBus, type HintBusOptions } from './hint-bus.ts';
export type { Control, ControlMessage, Hint, HintMessage } from './bus-messages.ts';
export {
	connectLimitStore,
	SharedLimit,
	sharedCommandLimit,
	sharedJoinLimit,
	type LimitStore,
	type SharedLimitOptions
} from './shared-limits.ts';
