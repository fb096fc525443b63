import { createHash } from 'node:crypto';

// Why a hash of our own rather than `hashtextextended(id, 0)` in SQL: session and transaction advisory
// locks share one key space, and the domain takes transaction locks on command scopes (a meeting, a
// budget). A lease keyed by the bare meeting id could then equal a command's lock key, and the owner's
// lease would block every command of its own meeting taken on another connection. The namespace below
// keeps leases apart from any other advisory lock; 64 bits make two meetings sharing one lease (a
// meeting that no process may serve) practically impossible; SHA-256 is the same on every process and
// every PostgreSQL version, where a server-side hash is an implementation detail of the server.
const NAMESPACE = 'denktafel:meeting-lease:';

/** The advisory lock key of a meeting's lease: a signed 64-bit integer, as text for a `bigint` parameter. */
export function leaseKey(meetingId: string): string {
	const digest = createHash('sha256').update(NAMESPACE + meetingId).digest();
	return digest.readBigInt64BE(0).toString();
}
