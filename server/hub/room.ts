import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { SyncDocPersistence as DocPersistence } from '../persistence/types.ts';
import { CLOSE } from './close-codes.ts';
import { Presence } from './presence.ts';
import { MESSAGE, SYNC, encodeSyncStep1, encodeUpdate } from './protocol.ts';
import { SyncAnswers } from './sync-answer.ts';
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
	/** Called once, when the room has unloaded (idle, shutdown or storage failure). */
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
	#rows: number;
	#idleTimer: ReturnType<typeof setTimeout> | null = null;
	#unloaded = false;
	#broken = false;

	/**
	 * Loads a room from storage, then lets SQL repair what a crash kept out of the stored doc. Rejects
	 * when storage cannot be read; the caller keeps connections waiting until it settles.
	 */
	static async load(name: string, options: RoomOptions): Promise<Room> {
		const room = new Room(name, options);
		try {
			await options.reconcile(name, room.write);
		} catch (error) {
			console.error(`[hub] reconcile of ${name} failed`, error);
		}
		return room;
	}

	private constructor(name: string, options: RoomOptions) {
		this.name = name;
		this.#options = options;
		const stored = options.persistence.load(name);
		this.generation = stored.generation;
		this.doc = new Y.Doc();
		// Before the update listener exists: stored updates must not be stored again.
		this.doc.transact(() => {
			for (const update of stored.updates) Y.applyUpdate(this.doc, update);
		});
		this.#rows = stored.updates.length;
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
		// First, so a client holding an older generation drops its doc before any of this one arrives.
		peer.send(encodeGeneration(this.generation));
		peer.send(encodeSyncStep1(this.doc));
		peer.send(this.#sync.whole());
		const present = this.presence.snapshotMessage();
		if (present) peer.send(present);
	}

	leave(peer: Peer): void {
		if (!this.conns.has(peer)) return;
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
				peer.send(this.#sync.answer(decoding.readVarUint8Array(decoder)));
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
		for (const peer of this.conns.keys()) peer.close(CLOSE.tryAgainLater, 'room reset');
		this.unload();
	}

	/** Flushes presence, compacts (unless storage failed) and frees the doc. Idempotent. */
	unload(): void {
		if (this.#unloaded) return;
		this.#unloaded = true;
		this.#cancelIdle();
		this.presence.destroy();
		if (!this.#broken && this.#rows > 1) this.#compact();
		this.doc.off('update', this.#onUpdate);
		this.doc.destroy();
		this.#options.onUnload(this);
	}

	// Persist, then broadcast: a client must never hold a change that a restart would lose.
	#onUpdate = (update: Uint8Array): void => {
		this.#sync.invalidate();
		if (this.#broken) return;
		try {
			this.#rows = this.#options.persistence.appendUpdate(this.name, update);
		} catch (error) {
			this.#break(error);
			return;
		}
		const message = encodeUpdate(update);
		for (const peer of this.conns.keys()) peer.send(message);
		if (this.#rows >= this.#options.limits.compactAfterUpdates) this.#compact();
	};

	#compact(): void {
		try {
			this.#options.persistence.compact(this.name, Y.encodeStateAsUpdate(this.doc));
			this.#rows = 1;
		} catch (error) {
			// Not fatal: the rows still hold the whole doc, the next threshold tries again.
			console.error(`[hub] compaction of ${this.name} failed`, error);
		}
	}

	// The doc now holds an update that storage refused and nobody received. Drop the doc so the room
	// reloads from storage and SQL; clients reconnect on the transient close code.
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
