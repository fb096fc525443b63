import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import {
	decodeAwarenessUpdate,
	encodeAwarenessEntries,
	encodeAwarenessMessage,
	type AwarenessEntry
} from './protocol.ts';
import type { HubLimits, Peer } from './types.ts';

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

const utf8 = new TextEncoder();

/**
 * A room's presence: validates and stamps what clients send, ties each awareness client id to the
 * connection that introduced it, and broadcasts changes in coalesced batches.
 */
export class Presence {
	readonly awareness: awarenessProtocol.Awareness;
	#owners = new Map<number, Peer>();
	#conns: ReadonlyMap<Peer, Set<number>>;
	#pending = new Set<number>();
	#flushTimer: ReturnType<typeof setTimeout> | null = null;
	#limits: HubLimits;

	/** `conns`: the room's connections with the client ids each introduced; shared, not copied. */
	constructor(doc: Y.Doc, limits: HubLimits, conns: ReadonlyMap<Peer, Set<number>>) {
		this.#limits = limits;
		this.#conns = conns;
		this.awareness = new awarenessProtocol.Awareness(doc);
		// The server is not a participant: it must not appear among the present.
		this.awareness.setLocalState(null);
		// 'update', not 'change': renewals with an unchanged state must travel too, or clients drop
		// remote states after 30 s.
		this.awareness.on('update', this.#onUpdate);
	}

	/** Every current state, as one awareness message; null when nobody is present. */
	snapshotMessage(): Uint8Array | null {
		const ids = Array.from(this.awareness.getStates().keys());
		if (ids.length === 0) return null;
		return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
	}

	/** Applies a client's awareness update after checks. Throws when the update does not decode. */
	receive(peer: Peer, update: Uint8Array): void {
		const entries = decodeAwarenessUpdate(update);
		if (!peer.takePresenceToken()) return;
		const accepted: AwarenessEntry[] = [];
		for (const entry of entries) {
			const checked = this.#check(peer, entry);
			if (checked) accepted.push(checked);
		}
		if (accepted.length === 0) return;
		awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), peer);
	}

	/** Removes a departing peer's states for everyone and frees its ids; call before it leaves. */
	removePeer(peer: Peer): void {
		const ids = Array.from(this.#conns.get(peer) ?? []);
		for (const id of ids) this.#owners.delete(id);
		if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, peer);
	}

	flush(): void {
		if (this.#flushTimer) clearTimeout(this.#flushTimer);
		this.#flushTimer = null;
		if (this.#pending.size === 0) return;
		const ids = Array.from(this.#pending);
		this.#pending.clear();
		const message = encodeAwarenessMessage(
			awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)
		);
		for (const peer of this.#conns.keys()) peer.send(message);
	}

	destroy(): void {
		this.flush();
		this.awareness.off('update', this.#onUpdate);
		this.awareness.destroy();
	}

	#check(peer: Peer, entry: AwarenessEntry): AwarenessEntry | null {
		const { clientID, state } = entry;
		if (clientID === this.awareness.clientID) return null;
		const owner = this.#owners.get(clientID);
		// Nobody may speak for, or null out, a client id another connection introduced.
		if (owner !== undefined && owner !== peer) return null;
		if (state !== null && !isPlainObject(state)) return null;
		if (
			state !== null &&
			utf8.encode(JSON.stringify(state)).byteLength > this.#limits.presenceStateBytes
		) {
			return null;
		}
		if (owner === undefined) {
			const owned = this.#conns.get(peer);
			if (state === null || !owned) return null;
			if (owned.size >= this.#limits.clientIdsPerConnection) return null;
			owned.add(clientID);
			this.#owners.set(clientID, peer);
		}
		if (state === null) return entry;
		// A client cannot pretend to be someone else: `user` is what the server knows.
		return { ...entry, state: { ...state, user: { ...peer.identity.presence } } };
	}

	#onUpdate = ({ added, updated, removed }: AwarenessChange): void => {
		for (const id of added) this.#pending.add(id);
		for (const id of updated) this.#pending.add(id);
		for (const id of removed) this.#pending.add(id);
		if (this.#pending.size > 0 && this.#flushTimer === null) {
			this.#flushTimer = setTimeout(() => this.flush(), this.#limits.presenceFlushMs);
		}
	};
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
