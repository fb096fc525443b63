import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { DocPersistence, StoredDoc } from '../persistence/types.ts';
import { CLOSE } from './close-codes.ts';
import { Presence } from './presence.ts';
import { RoomStore } from './room-store.ts';
import { MESSAGE, SYNC, encodeSyncStep1, encodeUpdate } from './protocol.ts';
import { SyncAnswers } from './sync-answer.ts';
import { shareFrame } from './shared-frame.ts';
import { encodeGeneration } from '#lib/realtime/doc-generation.ts';
import type { HubLimits, Peer, RoomWrite } from './types.ts';

/** The transaction origin of every doc write: only the server writes room docs. */
export const SERVER_ORIGIN: unique symbol = Symbol('denktafel.server-write');

export type { RoomWrite } from './types.ts';

export interface RoomOptions {
	persistence: DocPersistence;
	limits: HubLimits;
	/** Brings a freshly loaded doc in line with SQL. May fail: the room then serves what it has. */
	reconcile(room: string, write: RoomWrite): void | Promise<void>;
	/**
	 * Called once, when the room has unloaded (idle, shutdown or storage failure); its last writes to
	 * storage may still be running until `settled` resolves.
	 */
	onUnload(room: Room): void;
}

/** One live Yjs document with its connections and presence. */
export class Room {
	readonly name: string;
	readonly doc: Y.Doc;
	readonly generation: number;
	/** Each connection with the awareness client ids it introduced. */
	readonly conns = new Map<Peer, Set<number>>();
	readonly presence: Presence;
	readonly #sync: SyncAnswers;
	#options: RoomOptions;
	readonly #store: RoomStore;
	/** Joined connections that have not had their greeting yet: it waits for storage (see join). */
	readonly #greeting = new Set<Peer>();
	#idleTimer: ReturnType<typeof setTimeout> | null = null;
	#unloaded = false;
	#broken = false;
	/** Resolves when, after unload, everything of this room is stored (or storage gave up). */
	settled: Promise<void> = Promise.resolve();

	/**
	 * Loads a room from storage, then lets SQL repair what a crash kept out of the stored doc. Rejects
	 * when storage cannot be read; the caller keeps connections waiting until it settles.
	 */
	static async load(name: string, options: RoomOptions): Promise<Room> {
		// Before anyone is served: connections wait (queued by the hub) until the room is loaded.
		const room = new Room(name, options, await options.persistence.load(name));
		try {
			await options.reconcile(name, room.write);
		} catch (error) {
			console.error(`[hub] reconcile of ${name} failed`, error);
		}
		return room;
	}

	private constructor(name: string, options: RoomOptions, stored: StoredDoc) {
		this.name = name;
		this.#options = options;
		this.generation = stored.generation;
		this.doc = new Y.Doc();
		// Before the update listener exists: stored updates must not be stored again.
		this.doc.transact(() => {
			for (const update of stored.updates) Y.applyUpdate(this.doc, update);
		});
		this.#store = new RoomStore({
			room: name,
			persistence: options.persistence,
			rows: stored.updates.length,
			compactAfterUpdates: options.limits.compactAfterUpdates,
			snapshot: () => Y.encodeStateAsUpdate(this.doc),
			broadcast: (update) => this.#broadcast(update),
			onFailure: (error) => this.#break(error)
		});
		this.#sync = new SyncAnswers(this.doc);
		this.doc.on('update', this.#onUpdate);
		this.presence = new Presence(this.doc, options.limits, this.conns);
	}

	get unloaded(): boolean {
		return this.#unloaded;
	}

	/** The only way a room doc changes. */
	write: RoomWrite = (fn) => {
		if (this.#unloaded || this.#broken) return;
		this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
	};

	join(peer: Peer): void {
		this.#cancelIdle();
		this.conns.set(peer, new Set());
		// The doc as it is now, which may hold updates the store has not confirmed yet: sent once it
		// has them. Until then the peer gets no broadcasts (the greeting holds what they carry).
		const stepOne = encodeSyncStep1(this.doc);
		const whole = this.#sync.whole();
		this.#greeting.add(peer);
		this.#store.afterStored(() => {
			if (!this.#greeting.delete(peer)) return;
			// First, so a client holding an older generation drops its doc before any of this one arrives.
			peer.send(encodeGeneration(this.generation));
			peer.send(stepOne);
			peer.send(whole);
			const present = this.presence.snapshotMessage();
			if (present) peer.send(present);
		});
	}

	leave(peer: Peer): void {
		if (!this.conns.has(peer)) return;
		this.#greeting.delete(peer);
		this.presence.removePeer(peer);
		this.conns.delete(peer);
		if (this.conns.size === 0 && !this.#unloaded) {
			this.#idleTimer = setTimeout(() => this.unload(), this.#options.limits.idleUnloadMs);
			this.#idleTimer.unref();
		}
	}

	/** Handles one client frame. Throws when it does not decode (the caller closes with 1002). */
	receive(peer: Peer, data: Uint8Array): void {
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		if (type === MESSAGE.sync) {
			const subType = decoding.readVarUint(decoder);
			if (subType === SYNC.step1) {
				// Beyond its share a client's sync request goes unanswered (it already had its answer);
				// one that keeps on is closed by the peer with a transient code (see takeSyncToken).
				if (peer.takeSyncToken && !peer.takeSyncToken()) return;
				const answer = this.#sync.answer(decoding.readVarUint8Array(decoder));
				this.#store.afterStored(() => peer.send(answer));
			} else if (subType !== SYNC.step2 && subType !== SYNC.update) {
				throw new Error(`unknown sync message ${subType}`);
			}
			// Clients never write docs: their step 2 and updates are dropped unread.
		} else if (type === MESSAGE.awareness) {
			this.presence.receive(peer, decoding.readVarUint8Array(decoder));
		} else if (type === MESSAGE.queryAwareness) {
			const present = this.presence.snapshotMessage();
			if (present) peer.send(present);
		}
		// Auth and unknown message types are ignored, as the stock server does.
	}

	/**
	 * Forgets the doc without storing it (its stored history was just rewritten elsewhere) and sends
	 * everyone away to reconnect: the room loads again from storage and SQL.
	 */
	reset(): void {
		if (this.#unloaded) return;
		this.#broken = true;
		this.#store.stop();
		for (const peer of this.conns.keys()) peer.close(CLOSE.tryAgainLater, 'room reset');
		this.unload();
	}

	/**
	 * Takes no more writes, flushes presence, and, once what waits for storage is stored, compacts
	 * (unless storage failed) and frees the doc (see `settled`). Idempotent.
	 */
	unload(): void {
		if (this.#unloaded) return;
		this.#unloaded = true;
		this.#cancelIdle();
		this.presence.destroy();
		const free = () => {
			this.doc.off('update', this.#onUpdate);
			this.doc.destroy();
		};
		const closing = this.#store.close(!this.#broken);
		if (closing) this.settled = closing.then(free);
		else free();
		this.#options.onUnload(this);
	}

	// Persist, then broadcast (RoomStore): a client must never hold a change that a restart would lose.
	#onUpdate = (update: Uint8Array): void => {
		this.#sync.invalidate();
		if (!this.#broken) this.#store.append(update);
	};

	#broadcast(update: Uint8Array): void {
		const message = encodeUpdate(update);
		// Framed once for every socket of the room (see shared-frame.ts).
		const frame = shareFrame(message);
		const waiting = this.#greeting.size > 0 ? this.#greeting : null;
		for (const peer of this.conns.keys()) {
			if (waiting?.has(peer)) continue;
			if (peer.sendShared) peer.sendShared(frame);
			else peer.send(message);
		}
	}

	// The doc now holds an update that storage refused and nobody received, and the store stopped (the
	// updates after it are neither stored nor sent). Drop the doc so the room reloads from storage and
	// SQL, the truth the doc projects: nothing a command committed is lost. Clients reconnect on the
	// transient close code and merge what they hold (all of it was stored) with the reloaded doc.
	#break(error: unknown): void {
		console.error(`[hub] storing an update of ${this.name} failed; reloading the room`, error);
		this.#broken = true;
		queueMicrotask(() => {
			for (const peer of this.conns.keys()) peer.close(CLOSE.internalError, 'storage failed');
			this.unload();
		});
	}

	#cancelIdle(): void {
		if (this.#idleTimer) clearTimeout(this.#idleTimer);
		this.#idleTimer = null;
	}
}
