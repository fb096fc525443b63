import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import type { DomainChange } from '#lib/server/events.ts';
import type { RoomIdentity } from '#lib/server/access/authorize-room.ts';
import type { DocPersistence } from '../persistence/types.ts';
import type { RefusalCode, RetryCode } from './close-codes.ts';
import type { CommandAnswer } from '#lib/realtime/command-wire.ts';
import type { SharedFrame } from './shared-frame.ts';

/**
 * Who holds a connection, as `authorize` established it from the session cookie, and the language its
 * upgrade request asked for (the cookie the HTTP side reads): command answers speak it.
 */
export type HubIdentity = RoomIdentity & { locale?: string };

export type AuthorizeResult =
	{ ok: true; identity: HubIdentity } | { ok: false; code: RefusalCode | RetryCode };

/** The one way a room's doc is written: `fn` runs in a server transaction, persisted, then broadcast. */
export type RoomWrite = (fn: (doc: Y.Doc) => void) => void;

/** One room's share of a domain change: what to write into that room's doc. */
export interface Projection {
	room: string;
	/**
	 * Writes into the room through `into`, after reading what to write (from SQL) if it needs to.
	 * Runs when the room's earlier writes are done, so a later change never loses to an older read.
	 */
	write(into: RoomWrite): void | Promise<void>;
	/**
	 * Writes with the same key that arrive in one turn of the event loop are applied once (the last):
	 * for writes that re-read the truth from SQL, so a burst of commands costs one doc write.
	 */
	coalesce?: string;
}

export interface HubLimits {
	/** Largest accepted frame; `ws` closes a bigger one with 1009. */
	maxPayloadBytes: number;
	/** Unsent bytes a connection may queue before it counts as a slow consumer. */
	maxBufferedBytes: number;
	/** Message token bucket: burst size, and the time in which a drained bucket refills. */
	messageBurst: number;
	messageRefillMs: number;
	/** Presence token bucket; excess awareness updates are dropped, not punished. */
	presenceBurst: number;
	presenceRefillMs: number;
	/** Awareness client ids one connection may introduce (the stock client uses one). */
	clientIdsPerConnection: number;
	/** Largest presence state, in bytes of JSON. */
	presenceStateBytes: number;
	/** Least time between two batches of coalescing doc writes (see Projection.coalesce). */
	writeCoalesceMs: number;
	/** How long awareness changes are collected before one broadcast. */
	presenceFlushMs: number;
	/**
	 * Above this many connections a room's presence is bounded: everyone gets the hub's counts (one
	 * server-written awareness entry) and the states of the few who are active, not every state.
	 */
	largeRoomConnections: number;
	/** How many active clients a large room still shows state by state. */
	activePresenceMax: number;
	/** A shown client that has not changed its state for this long gives its place up. */
	activePresenceWindowMs: number;
	pingIntervalMs: number;
	keepaliveIntervalMs: number;
	/** Period of the hub's one timer that drives pings and keepalives of every connection. */
	tickMs: number;
	/** Persisted updates after which a room compacts its rows into one snapshot. */
	compactAfterUpdates: number;
	/** How long a room without connections stays loaded. */
	idleUnloadMs: number;
	/** How long close() waits for close handshakes before cutting sockets. */
	closeGraceMs: number;
	/**
	 * Sync requests (step 1) per connection: burst, and the time in which a drained bucket refills.
	 * The stock client asks once per connection; one that keeps asking is closed with 1013.
	 */
	syncBurst: number;
	syncRefillMs: number;
	/** Sync requests dropped unanswered on one connection before it is closed with 1013. */
	syncDroppedBeforeClose: number;
	/** Open sockets one participant's login may hold (a phone with a tab or two opens a few each). */
	socketsPerParticipantSession: number;
	/** Open sockets one staff login or projector may hold (a dashboard opens one per table). */
	socketsPerStaffSession: number;
	/**
	 * Sockets one login may open per `connectRefillMs`, as a multiple of its open-socket cap (a
	 * dashboard opens one per table at once; a reconnect loop would make the hub resend the board).
	 */
	connectBurstPerSocket: number;
	connectRefillMs: number;
}

export const DEFAULT_LIMITS: HubLimits = {
	maxPayloadBytes: 1024 * 1024,
	maxBufferedBytes: 4 * 1024 * 1024,
	messageBurst: 200,
	messageRefillMs: 2_000,
	presenceBurst: 5,
	presenceRefillMs: 1_000,
	clientIdsPerConnection: 4,
	presenceStateBytes: 2048,
	writeCoalesceMs: 10,
	presenceFlushMs: 75,
	largeRoomConnections: 50,
	activePresenceMax: 20,
	activePresenceWindowMs: 10_000,
	pingIntervalMs: 30_000,
	keepaliveIntervalMs: 15_000,
	tickMs: 5_000,
	compactAfterUpdates: 100,
	idleUnloadMs: 30_000,
	closeGraceMs: 2_000,
	syncBurst: 4,
	syncRefillMs: 20_000,
	syncDroppedBeforeClose: 100,
	socketsPerParticipantSession: 12,
	socketsPerStaffSession: 64,
	connectBurstPerSocket: 5,
	connectRefillMs: 60_000
};

export interface HubDeps {
	persistence: DocPersistence;
	/** Runs on the upgrade request; the socket is made (or refused) once it answers. */
	authorize(req: IncomingMessage, room: string): AuthorizeResult | Promise<AuthorizeResult>;
	/** ORIGIN when configured, else `http(s)://<Host>` of the request. */
	expectedOrigin(req: IncomingMessage): string;
	/** Brings a freshly loaded room in line with SQL; may write nothing. The room waits for it. */
	reconcile(room: string, write: RoomWrite): void | Promise<void>;
	/** Which loaded rooms a committed change concerns, and how to write it there. */
	project(change: DomainChange): Projection[] | Promise<Projection[]>;
	/**
	 * Runs a command frame (see #lib/realtime/command-wire.ts) a connection sent on `room`, and gives the
	 * answer to send back on that connection alone. Without it command frames are ignored, as the stock
	 * server ignores unknown types. Must not throw; a 401 answer also closes the socket with 4401.
	 */
	command?(identity: HubIdentity, room: string, json: string): Promise<CommandAnswer> | CommandAnswer;
	/** A room has unloaded (idle, reset, eviction, shutdown): cluster mode may give its meeting's lease back. Must not throw. */
	onRoomUnload?(room: string): void;
	limits?: Partial<HubLimits>;
	now?: () => number;
}

/** What a room needs from a connection; Connection implements it, tests may fake it. */
export interface Peer {
	readonly identity: HubIdentity;
	send(data: Uint8Array): void;
	/** Sends a message framed once for a whole broadcast (see shared-frame.ts); fakes may leave it out. */
	sendShared?(frame: SharedFrame): void;
	close(code: number, reason?: string): void;
	/** False when this peer sent presence too often: drop the update. */
	takePresenceToken(): boolean;
	/** False when this peer asked for sync too often: close it (tests' fakes may leave it out). */
	takeSyncToken?(): boolean;
}
