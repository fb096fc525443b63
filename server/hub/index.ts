import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DomainChange } from '#lib/server/events.ts';
import type { ConnectionFilter } from '#lib/server/realtime-seam.ts';
import { CLOSE } from './close-codes.ts';
import { Connection } from './connection.ts';
import { Room } from './room.ts';
import { SessionSockets } from './session-sockets.ts';
import { DEFAULT_LIMITS, type HubDeps, type HubIdentity, type Projection } from './types.ts';
import { handleUpgrade } from './upgrade.ts';
import { commandChannel } from './command-channel.ts';
import { countFrame, increment } from '#lib/server/ops/metrics.ts';

export type { AuthorizeResult, HubDeps, HubIdentity, HubLimits, Projection } from './types.ts';
export { SERVER_ORIGIN } from './room.ts';

export interface Hub {
	/** True when the upgrade was a `/yjs/` one and is now handled; false leaves the socket alone. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Writes a committed change into the loaded rooms it concerns. Must not throw. */
	publish(change: DomainChange): void;
	/** Closes the matching connections with 4401 (logout, disabled account). Must not throw. */
	disconnect(filter: ConnectionFilter): void;
	/** Refuses new sockets, closes open ones with 1001, stores and unloads every room. */
	close(): Promise<void>;
	stats(): { rooms: number; connections: number };
	/** Drops loaded rooms unsaved and sends their clients away to reconnect (see Room.reset). */
	resetRooms(rooms: readonly string[]): void;
	/** Resolves once every change published so far is written into its loaded rooms (for checks). */
	settled(): Promise<void>;
	/** The rooms in memory, loaded or loading (cluster mode maps them to meetings and their leases). */
	loadedRooms(): string[];
	/**
	 * Re-reads these rooms from SQL where they are loaded (`reconcile`, queued behind their writes);
	 * others need nothing, they read SQL when they load. For a hint from another process, or a repair.
	 */
	recheck(rooms: readonly string[]): void;
	/**
	 * Closes every connection of these rooms with `code` and unloads them (stored as on an idle unload):
	 * this process no longer owns their meeting. Must not throw.
	 */
	evict(rooms: readonly string[], code: number, reason: string): void;
}

export function createHub(deps: HubDeps): Hub {
	const limits = { ...DEFAULT_LIMITS, ...deps.limits };
	const now = deps.now ?? Date.now;
	const rooms = new Map<string, Room>();
	// Rooms whose load (storage, then the reconcile with SQL) has not finished yet.
	const loading = new Map<string, Promise<Room>>();
	// Per room, loaded or loading: the tail of its work in order (its load, then each doc write).
	// Reads for a write happen when its turn comes, so two changes published A then B write in that
	// order and A's older read never overwrites B's.
	const queues = new Map<string, Promise<void>>();
	// Rooms unloaded whose last writes to storage still run: a room loads again only after them, so it
	// reads everything its previous life stored; close() waits for them.
	const draining = new Map<string, Promise<void>>();
	// Changes are projected one after another, so their writes enter the room queues in publish order.
	let publishing: Promise<void> = Promise.resolve();
	const connections = new Set<Connection>();
	const perSession = new SessionSockets(limits, now);
	const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes });
	const onCommand = deps.command ? commandChannel(deps.command) : undefined;
	let closing = false;

	const ticker = setInterval(() => {
		const at = now();
		for (const conn of connections) conn.tick(at);
	}, limits.tickMs);
	ticker.unref();

	/** The loaded room, or the promise of it while it loads (a failed load rejects). */
	function openRoom(name: string): Room | Promise<Room> {
		const loaded = rooms.get(name) ?? loading.get(name);
		if (loaded) return loaded;
		const options = {
			persistence: deps.persistence,
			limits,
			reconcile: deps.reconcile,
			onUnload: (gone: Room) => {
				if (rooms.get(gone.name) === gone) {
					rooms.delete(gone.name);
					queues.delete(gone.name);
				}
				const settled = gone.settled;
				draining.set(gone.name, settled);
				void settled.then(() => {
					if (draining.get(gone.name) === settled) draining.delete(gone.name);
					// Once stored: whoever serves the room next reads all of it.
					try {
						deps.onRoomUnload?.(gone.name);
					} catch (error) {
						console.error('[hub] onRoomUnload threw', error);
					}
				});
			}
		};
		const previous = draining.get(name);
		const load = (previous ? previous.then(() => Room.load(name, options)) : Room.load(name, options)).then(
			(room) => {
				loading.delete(name);
				rooms.set(name, room);
				return room;
			},
			(error: unknown) => {
				loading.delete(name);
				queues.delete(name);
				throw error;
			}
		);
		loading.set(name, load);
		queues.set(name, load.then(noop, noop));
		return load;
	}

	function accept(socket: WebSocket, name: string, identity: HubIdentity): void {
		if (closing) return socket.close(CLOSE.goingAway);
		// Before the room loads or sends anything: a refused socket costs no doc encoding.
		if (!perSession.admit(identity)) {
			increment('denktafel_hub_connections_refused_total', { code: String(CLOSE.tooManyConnections) });
			return socket.close(CLOSE.tooManyConnections, 'too many connections');
		}
		const opened = openRoom(name);
		let room = opened instanceof Room ? opened : null;
		// Frames that arrive while the room loads wait here, in order, for it.
		const early: Uint8Array[] = [];
		const conn = new Connection(socket, {
			identity,
			room: name,
			limits,
			now,
			onMessage: (c, data) => {
				countFrame('in', data.byteLength);
				if (room) room.receive(c, data);
				else early.push(data);
			},
			onCommand,
			onClose: (c) => {
				connections.delete(c);
				perSession.release(identity);
				room?.leave(c);
			}
		});
		connections.add(conn);
		increment('denktafel_hub_connections_opened_total');
		if (room) return room.join(conn);
		void (opened as Promise<Room>).then(
			(loaded) => {
				// Closed while the room loaded: onClose has run already, nothing to join or leave.
				if (!conn.open || !connections.has(conn)) return;
				room = loaded;
				loaded.join(conn);
				for (const data of early.splice(0)) {
					try {
						loaded.receive(conn, data);
					} catch {
						conn.close(CLOSE.protocolError, 'malformed frame');
						return;
					}
				}
			},
			(error: unknown) => {
				console.error(`[hub] loading ${name} failed`, error);
				conn.close(CLOSE.internalError);
			}
		);
	}

	/** Queues a projection's write behind the room's earlier work; rooms not in memory are skipped. */
	function write(projection: Projection, type: string): void {
		const tail = queues.get(projection.room);
		// Rooms not in memory catch up from SQL when they load.
		if (!tail) return;
		const next = tail.then(async () => {
			const room = rooms.get(projection.room);
			if (!room || room.unloaded) return;
			try {
				await projection.write(room.write);
			} catch (error) {
				console.error(`[hub] writing ${type} into ${projection.room} failed`, error);
			}
		});
		queues.set(projection.room, next);
	}

	// Coalescing writes wait for the end of this turn of the event loop (see Projection.coalesce), and
	// at least `writeCoalesceMs` after the previous batch: under a burst of votes a turn holds one or
	// two commands, and rewriting a board from SQL per command was the vote path's main cost.
	const pending = new Map<string, { projection: Projection; type: string }>();
	let flushing: { cancel(): void } | null = null;
	let lastFlushAt = -Infinity;
	function flushSoon(): void {
		if (flushing) return;
		const wait = lastFlushAt + limits.writeCoalesceMs - performance.now();
		if (wait <= 0) {
			const immediate = setImmediate(flushPending);
			flushing = { cancel: () => clearImmediate(immediate) };
		} else {
			const timer = setTimeout(flushPending, wait);
			flushing = { cancel: () => clearTimeout(timer) };
		}
	}
	function flushPending(): void {
		flushing = null;
		lastFlushAt = performance.now();
		const batch = Array.from(pending.values());
		pending.clear();
		for (const { projection, type } of batch) write(projection, type);
	}

	const upgradeContext = {
		wss,
		authorize: deps.authorize,
		expectedOrigin: deps.expectedOrigin,
		accept
	};

	return {
		handleUpgrade(req, socket, head) {
			if (!closing) return handleUpgrade(upgradeContext, req, socket, head);
			if (!(req.url ?? '').startsWith('/yjs/')) return false;
			socket.destroy();
			return true;
		},

		publish(change) {
			const failed = (error: unknown): Projection[] => {
				console.error(`[hub] projecting ${change.type} failed`, error);
				return [];
			};
			// Projected now, as of this change (a rejection is handled at once); its writes queue up in
			// publish order.
			let projected: Promise<Projection[]>;
			try {
				projected = Promise.resolve(deps.project(change)).catch(failed);
			} catch (error) {
				projected = Promise.resolve(failed(error));
			}
			// Must not reject: the next publish waits on it.
			publishing = publishing.then(async () => {
				try {
					for (const projection of await projected) {
						// Rooms not in memory catch up from SQL when they load.
						if (!queues.has(projection.room)) continue;
						if (projection.coalesce === undefined) write(projection, change.type);
						else {
							pending.delete(projection.coalesce);
							pending.set(projection.coalesce, { projection, type: change.type });
							flushSoon();
						}
					}
				} catch (error) {
					failed(error);
				}
			});
		},

		disconnect(filter) {
			const keys = (['sessionId', 'userId', 'participantId', 'meetingId'] as const).filter(
				(key) => filter[key] !== undefined
			);
			// An empty filter would match everyone: it is a bug, not a mass logout.
			if (keys.length === 0) return;
			for (const conn of connections) {
				if (filter.room !== undefined && conn.room !== filter.room) continue;
				if (filter.participantsOnly && conn.identity.participantId === null) continue;
				if (filter.exceptSessionId !== undefined && conn.identity.sessionId === filter.exceptSessionId) continue;
				if (keys.every((key) => conn.identity[key] === filter[key])) {
					if (filter.code === CLOSE.notAllowed) conn.close(CLOSE.notAllowed, 'access ended');
					else conn.close(CLOSE.notSignedIn, 'signed out');
				}
			}
		},

		async close() {
			if (closing) return;
			closing = true;
			clearInterval(ticker);
			// What was published before the close still reaches the docs (and storage).
			await publishing;
			flushing?.cancel();
			flushPending();
			await Promise.all([...queues.values()]);
			for (const room of rooms.values()) room.presence.flush();
			const open = Array.from(connections);
			for (const conn of open) conn.close(CLOSE.goingAway, 'server shutting down');
			for (const room of Array.from(rooms.values())) room.unload();
			// Every update a room made is stored before close() resolves.
			await Promise.all([closedOrCut(open, limits.closeGraceMs), ...draining.values()]);
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		},

		stats() {
			return { rooms: rooms.size, connections: connections.size };
		},

		async settled() {
			// Until a whole round passes with nothing new published, flushed or queued meanwhile.
			for (;;) {
				const published = publishing;
				await published;
				if (flushing || pending.size > 0) {
					await new Promise((resolve) => setTimeout(resolve, limits.writeCoalesceMs + 1));
					continue;
				}
				const tails = new Set(queues.values());
				await Promise.all(tails);
				const same = queues.size === tails.size && [...queues.values()].every((tail) => tails.has(tail));
				if (same && publishing === published && !flushing && pending.size === 0) return;
			}
		},

		loadedRooms() {
			return [...new Set([...rooms.keys(), ...loading.keys()])];
		},

		recheck(names) {
			for (const name of names) {
				write({ room: name, write: (into) => deps.reconcile(name, into) }, 'recheck');
			}
		},

		evict(names, code, reason) {
			const gone = new Set(names);
			for (const conn of connections) if (gone.has(conn.room)) conn.close(code, reason);
			for (const name of gone) {
				for (const [key, entry] of pending) if (entry.projection.room === name) pending.delete(key);
				rooms.get(name)?.unload();
				// A room still loading has no one to serve once it is there: it unloads as soon as it is.
				void loading.get(name)?.then(
					(room) => {
						if (room.conns.size === 0) room.unload();
					},
					noop
				);
			}
		},

		resetRooms(names) {
			for (const name of names) {
				// A coalesced write still waiting would write into the doc being dropped: it goes too.
				for (const [key, entry] of pending) if (entry.projection.room === name) pending.delete(key);
				rooms.get(name)?.reset();
			}
		}
	};
}

function noop(): void {}

// Waits for close handshakes, then cuts whatever is left: `ws` alone would wait 30 s.
async function closedOrCut(conns: Connection[], graceMs: number): Promise<void> {
	const pending = conns.filter((c) => c.socket.readyState !== c.socket.CLOSED);
	if (pending.length === 0) return;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const allClosed = Promise.all(
		pending.map((c) => new Promise<void>((resolve) => c.socket.once('close', () => resolve())))
	);
	const deadline = new Promise<void>((resolve) => {
		timer = setTimeout(resolve, graceMs);
	});
	await Promise.race([allClosed, deadline]);
	clearTimeout(timer);
	for (const c of pending) if (c.socket.readyState !== c.socket.CLOSED) c.terminate();
}
