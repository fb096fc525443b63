/**
 * Cluster mode (DATABASE_URL is PostgreSQL and REDIS_URL is set): the wiring of the pieces in
 * src/lib/server/cluster/ into this process's hub. Read src/lib/server/cluster/index.ts for the design;
 * in short, one owner per meeting:
 * - a socket for a room of meeting M is served only while this process holds M's lease (`claim`, from
 *   the hub's authorize); otherwise it is closed with the transient 4503 and the client retries;
 * - a lost lease sends every socket of M's rooms away with 4503 and unloads those rooms; the lease is
 *   given back when M's last room has unloaded (and stored), so another process may take it later;
 * - a command that commits here for a meeting this process does not own is published locally as ever
 *   (nothing is loaded, so that costs nothing) and sent to the owner as a hint; the owner re-reads the
 *   named rooms from SQL. The owner's own commands never touch Redis on their way to the docs;
 * - logout, a disabled account and deleted personal data go to every process as control messages;
 * - loaded rooms re-check SQL when the bus comes back and on a slow timer (a hint may be lost);
 * - the per-person command limit and the join limit count in Redis.
 * Presence never crosses processes.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../src/lib/server/config.ts';
import type { Db } from '../src/lib/server/db/client.ts';
import type { BoardChange, DomainChange } from '../src/lib/server/events.ts';
import { MAX_CHANGE_IDS } from '../src/lib/server/cluster/bus-messages.ts';
import type { ConnectionFilter, HubSeam } from '../src/lib/server/realtime-seam.ts';
import { projectChange } from '../src/lib/server/boards/project-change.ts';
import { limitCommandsPerPerson } from '../src/lib/server/commands/frame.ts';
import { limitJoinsPerAddress } from '../src/lib/server/app.ts';
import {
	connectLimitStore,
	createHintBus,
	createLeases,
	sharedCommandLimit,
	sharedJoinLimit,
	type ControlMessage
} from '../src/lib/server/cluster/index.ts';
import { CLOSE } from './hub/close-codes.ts';
import type { Hub } from './hub/index.ts';

export interface Cluster {
	/**
	 * Takes (or confirms) the lease of the meeting `room` belongs to, before the hub serves the room:
	 * false when another process owns the meeting. Remembers the room's meeting for the lease's release.
	 */
	claim(room: string, meetingId: string): Promise<boolean>;
	/** For the hub's `onRoomUnload`: gives the meeting's lease back once none of its rooms is loaded. */
	roomUnloaded(room: string): void;
	/** The seam the SvelteKit side publishes through: the hub, plus the bus where other processes need to hear. */
	seam(hub: Hub): HubSeam;
	/** Starts listening (hints, control, repair) for `hub`. */
	attach(hub: Hub): void;
	close(): Promise<void>;
}

export function isClusterMode(config: Config): config is Config & { databaseUrl: string; redisUrl: string } {
	return config.databaseUrl !== null && config.redisUrl !== null;
}

export function createCluster(db: Db, config: Config & { databaseUrl: string; redisUrl: string }): Cluster {
	const log = (message: string) => console.warn(`[cluster ${config.nodeName}] ${message}`);
	// Unique even when two processes were given one DENKTAFEL_NODE_NAME: the bus drops its own messages.
	const processId = `${config.nodeName}#${randomBytes(4).toString('hex')}`;
	/** Each loaded room's meeting, as the room's authorization found it. */
	const meetingOf = new Map<string, string>();
	let hub: Hub | null = null;

	const roomsOf = (meetingId: string): string[] =>
		(hub?.loadedRooms() ?? []).filter((room) => meetingOf.get(room) === meetingId);

	const leases = createLeases({
		url: config.databaseUrl,
		name: config.nodeName,
		onLost(meetingIds) {
			for (const meetingId of meetingIds) {
				log(`lost the lease of meeting ${meetingId}; its sockets retry elsewhere`);
				hub?.evict(roomsOf(meetingId), CLOSE.notOwner, 'not the owner');
			}
		}
	});

	const bus = createHintBus({
		url: config.redisUrl,
		processId,
		owns: (meetingId) => leases.holds(meetingId),
		// A board change is written as the owner writes its own (one card, not the whole board); anything
		// else re-reads the named rooms.
		onHint: (hint) => {
			if (hint.change && hint.change.meetingId === hint.meetingId) hub?.publish(hint.change);
			else hub?.recheck(hint.rooms);
		},
		onControl: (control) => act(control),
		onReconnect: () => repair()
	});

	const store = connectLimitStore(config.redisUrl);
	limitCommandsPerPerson(sharedCommandLimit(store, config.rateLimits.commandsPerPersonPerMinute));
	limitJoinsPerAddress(sharedJoinLimit(store, config.rateLimits.joinPerIpPerMinute));

	/** What another process asks every process to do (it did the same locally). */
	function act(control: ControlMessage): void {
		if (!hub) return;
		for (const filter of control.disconnect) hub.disconnect(filter);
		if (control.resetRooms?.length) hub.resetRooms(control.resetRooms);
	}

	async function release(meetingId: string): Promise<void> {
		if (roomsOf(meetingId).length > 0) return;
		for (const [room, meeting] of meetingOf) if (meeting === meetingId) meetingOf.delete(room);
		await leases.release(meetingId);
	}

	/**
	 * The slow repair: every loaded room re-reads SQL (a hint may have been lost), every loaded room's
	 * meeting is still ours (else its sockets go), and leases no room needs any more are given back.
	 */
	function repair(): void {
		if (!hub) return;
		const loaded = hub.loadedRooms();
		// Spread over part of the period, one room at a time: re-reading every board in one turn made a
		// latency spike for everyone (a 300-card board costs milliseconds to read and compare).
		const step = Math.min(50, config.clusterRepairMs / 2 / Math.max(1, loaded.length));
		loaded.forEach((room, i) => {
			setTimeout(() => hub?.recheck([room]), i * step).unref();
		});
		const needed = new Set(loaded.map((room) => meetingOf.get(room)).filter((id) => id !== undefined));
		for (const meetingId of needed) {
			void leases.acquire(meetingId).then((ours) => {
				if (!ours) hub?.evict(roomsOf(meetingId), CLOSE.notOwner, 'not the owner');
			});
		}
		for (const meetingId of leases.held()) if (!needed.has(meetingId)) void release(meetingId);
	}
	const timer = setInterval(repair, config.clusterRepairMs);
	timer.unref();

	/** The rooms a change writes, for the owner to re-read (no SQL here: projections read when written). */
	function roomsOfChange(change: DomainChange): string[] {
		try {
			return [...new Set(projectChange(db, change).map((write) => write.room))];
		} catch (error) {
			console.error('[cluster] listing the rooms of a change failed', error);
			return [];
		}
	}

	/** A board change small enough for a hint (bus-messages.ts); a poll's carries values, so never. */
	function carriable(change: DomainChange): change is BoardChange {
		if (change.type !== 'board.changed') return false;
		const counts = [change.tableIds.length, change.participantIds.length, change.cardIds?.length ?? 0];
		return counts.every((n) => n <= MAX_CHANGE_IDS);
	}

	function reasonOf(filter: ConnectionFilter): string {
		if (filter.sessionId !== undefined) return 'logout';
		return filter.code === CLOSE.notAllowed ? 'access-ended' : 'signed-out';
	}

	return {
		async claim(room, meetingId) {
			const ours = await leases.acquire(meetingId);
			// Noted once the lease is confirmed (a release running meanwhile forgets the meeting's rooms);
			// the hub opens the room in this same turn, so no release can fall in between.
			if (ours) meetingOf.set(room, meetingId);
			return ours;
		},
		roomUnloaded(room) {
			const meetingId = meetingOf.get(room);
			if (meetingId === undefined || hub?.loadedRooms().includes(room)) return;
			meetingOf.delete(room);
			if (roomsOf(meetingId).length === 0) void release(meetingId);
		},
		attach(attached) {
			hub = attached;
		},
		seam(local) {
			return {
				publish(change) {
					local.publish(change);
					// The owner's own commands are written above; only a non-owner tells the owner. Not awaited:
					// a command never waits for Redis (the bus gives up on its own and the repair catches up).
					if (leases.holds(change.meetingId)) return;
					const rooms = roomsOfChange(change);
					if (rooms.length === 0) return;
					void bus.hint({ meetingId: change.meetingId, rooms, ...(carriable(change) ? { change } : {}) });
				},
				disconnect(filter) {
					local.disconnect(filter);
					void bus.control({ reason: reasonOf(filter), disconnect: [filter] });
				},
				resetRooms(rooms) {
					local.resetRooms(rooms);
					// A message names at most 256 rooms (bus-messages.ts); a meeting's participants may be more.
					for (let at = 0; at < rooms.length; at += 256) {
						const part = rooms.slice(at, at + 256);
						void bus.control({ reason: 'personal-data-deleted', disconnect: [], resetRooms: part });
					}
				},
				stats: () => local.stats()
			};
		},
		async close() {
			clearInterval(timer);
			await bus.close();
			await leases.close();
			store.destroy();
		}
	};
}
