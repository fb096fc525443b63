import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { PRESENCE_SUMMARY_KEY, type RoomPresenceCounts } from '#lib/realtime/presence-summary.ts';
import {
	decodeAwarenessUpdate,
	encodeAwarenessEntries,
	encodeAwarenessMessage,
	type AwarenessEntry
} from './protocol.ts';
import { countPresence, sendBatch } from './presence-batch.ts';
import { ActiveSlots } from './presence-slots.ts';
import type { HubLimits, Peer } from './types.ts';

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

const utf8 = new TextEncoder();

/**
 * A room's presence: validates and stamps what clients send, ties each awareness client id to the
 * connection that introduced it, and broadcasts changes in coalesced batches.
 *
 * Forwarding every state to everyone is O(N²) and collapses near 500 clients, so a large room
 * (above `largeRoomConnections`) is bounded: the hub writes one awareness entry of its own holding
 * the counts (present, writing) and forwards only the states of the few who are active (see
 * ActiveSlots); the others' states stay on the server, where they keep counting and time out.
 */
export class Presence {
	readonly awareness: awarenessProtocol.Awareness;
	#owners = new Map<number, Peer>();
	#conns: ReadonlyMap<Peer, Set<number>>;
	/** Client ids whose current entry goes to everyone at the next flush. */
	#pending = new Set<number>();
	/** Large room: client ids everyone must forget (their slot expired); never sent to the owner. */
	#hidden = new Set<number>();
	/** Large room: client ids everyone was told to forget and has not seen again since. */
	#forgotten = new Set<number>();
	#flushTimer: ReturnType<typeof setTimeout> | null = null;
	#flushing = false;
	#limits: HubLimits;
	#large = false;
	#slots: ActiveSlots;
	#sweepTimer: ReturnType<typeof setInterval> | null = null;

	/** `conns`: the room's connections with the client ids each introduced; shared, not copied. */
	constructor(doc: Y.Doc, limits: HubLimits, conns: ReadonlyMap<Peer, Set<number>>) {
		this.#limits = limits;
		this.#conns = conns;
		this.#slots = new ActiveSlots(limits.activePresenceMax, limits.activePresenceWindowMs);
		this.awareness = new awarenessProtocol.Awareness(doc);
		// The server is not a participant: it must not appear among the present (a large room's
		// counts are its only state).
		this.awareness.setLocalState(null);
		this.awareness.on('change', this.#onChange);
		// 'update', not 'change': renewals with an unchanged state must travel too, or clients drop
		// remote states after 30 s.
		this.awareness.on('update', this.#onUpdate);
	}

	/** True while the room's presence is bounded (counts and the active few). */
	get large(): boolean {
		return this.#large;
	}

	/** What a joining client gets: every state, or in a large room the counts and the active few. */
	snapshotMessage(): Uint8Array | null {
		this.#syncMode();
		const ids = this.#large ? this.#slots.ids() : Array.from(this.awareness.getStates().keys());
		if (this.#large && this.awareness.getLocalState() !== null) ids.push(this.awareness.clientID);
		if (ids.length === 0) return null;
		return encodeAwarenessMessage(encodeAwarenessEntries(ids.map((id) => this.#entry(id))));
	}

	/** Applies a client's awareness update after checks. Throws when the update does not decode. */
	receive(peer: Peer, update: Uint8Array): void {
		// The stock y-websocket client sends back every awareness update it receives, other people's
		// included: those echoes are dropped before the rate limit, or they would use up the budget and
		// the client's own next change would be lost.
		const entries = decodeAwarenessUpdate(update).filter((e) => this.#mayConcern(peer, e.clientID));
		if (entries.length === 0) return;
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
		this.#flushing = true;
		try {
			this.#syncMode();
			if (this.#large) this.#writeCounts();
		} finally {
			this.#flushing = false;
		}
		if (this.#pending.size === 0 && this.#hidden.size === 0) return;
		const entries = Array.from(this.#pending, (id) => this.#entry(id));
		const clocks = this.awareness.meta;
		const hidden: AwarenessEntry[] = [];
		for (const id of this.#hidden) {
			if (!this.#pending.has(id)) hidden.push({ clientID: id, clock: clocks.get(id)?.clock ?? 0, state: null });
		}
		this.#pending.clear();
		this.#hidden.clear();
		for (const e of hidden) this.#forgotten.add(e.clientID);
		sendBatch(this.#conns, this.#owners, entries, hidden);
	}

	destroy(): void {
		this.flush();
		this.#stopSweep();
		this.awareness.off('change', this.#onChange);
		this.awareness.off('update', this.#onUpdate);
		this.awareness.destroy();
	}

	#entry(clientID: number): AwarenessEntry {
		const state = this.awareness.getStates().get(clientID) ?? null;
		return { clientID, clock: this.awareness.meta.get(clientID)?.clock ?? 0, state };
	}

	/** Whether an entry may be this peer's own: not the hub's, not another connection's. */
	#mayConcern(peer: Peer, clientID: number): boolean {
		if (clientID === this.awareness.clientID) return false;
		const owner = this.#owners.get(clientID);
		return owner === undefined || owner === peer;
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
		// A client cannot pretend to be someone else: `user` is what the server knows. Nor can it
		// write the room's counts.
		const stamped: Record<string, unknown> = { ...state, user: { ...peer.identity.presence } };
		delete stamped[PRESENCE_SUMMARY_KEY];
		return { ...entry, state: stamped };
	}

	/** Enters or leaves bounded mode by the number of connections (with a margin against flapping). */
	#syncMode(): void {
		const size = this.#conns.size;
		const threshold = this.#limits.largeRoomConnections;
		if (!this.#large && size > threshold) this.#enterLarge();
		else if (this.#large && size <= threshold - Math.max(1, Math.floor(threshold / 10))) this.#leaveLarge();
	}

	#enterLarge(): void {
		this.#large = true;
		this.#slots.clear();
		this.#pending.clear();
		this.#forgotten.clear();
		// Everyone holds every state so far: all but the counts are to be forgotten.
		for (const id of this.awareness.getStates().keys()) if (id !== this.awareness.clientID) this.#hidden.add(id);
		this.#writeCounts();
		const sweepMs = Math.max(50, Math.min(1000, this.#limits.activePresenceWindowMs / 2));
		this.#sweepTimer = setInterval(() => this.#sweep(), sweepMs);
		this.#sweepTimer.unref?.();
		this.#schedule();
	}

	#leaveLarge(): void {
		this.#large = false;
		this.#stopSweep();
		this.#slots.clear();
		this.#hidden.clear();
		// Back to full presence: everyone gets every state, and the counts entry goes.
		for (const id of this.awareness.getStates().keys()) this.#pending.add(id);
		this.awareness.setLocalState(null);
		this.#schedule();
		// A state others forgot at its current clock would not be taken again at that clock. Telling
		// its owner that it is gone makes the stock client announce it anew with a higher clock.
		for (const id of this.#forgotten) {
			const owner = this.#owners.get(id);
			if (owner) owner.send(encodeAwarenessMessage(encodeAwarenessEntries([{ ...this.#entry(id), state: null }])));
		}
		this.#forgotten.clear();
	}

	#sweep(): void {
		this.#syncMode();
		if (!this.#large) return;
		const states = this.awareness.getStates();
		for (const id of this.#slots.expire(Date.now())) if (states.has(id)) this.#hidden.add(id);
		if (this.#hidden.size > 0) this.#schedule();
	}

	#stopSweep(): void {
		if (this.#sweepTimer) clearInterval(this.#sweepTimer);
		this.#sweepTimer = null;
	}

	/** Rewrites the hub's counts entry when the counts changed (the awareness renews it every 15 s). */
	#writeCounts(): void {
		const counts = countPresence(this.awareness.getStates(), this.awareness.clientID, this.#slots.size);
		const { present, writing } = counts;
		const current = this.awareness.getLocalState()?.[PRESENCE_SUMMARY_KEY] as RoomPresenceCounts | undefined;
		if (current?.present === present && current.writing === writing && current.shown === counts.shown) return;
		this.awareness.setLocalState({ [PRESENCE_SUMMARY_KEY]: counts });
	}

	#schedule(): void {
		if (this.#flushing || this.#flushTimer !== null) return;
		this.#flushTimer = setTimeout(() => this.flush(), this.#limits.presenceFlushMs);
	}

	// A real change (not a renewal) makes a client active: in a large room it may take a free slot.
	#onChange = ({ added, updated, removed }: AwarenessChange): void => {
		if (!this.#large) return;
		const now = Date.now();
		for (const id of updated) if (id !== this.awareness.clientID) this.#slots.touch(id, now);
		// The counts may have moved.
		if (added.length + updated.length + removed.length > 0) this.#schedule();
	};

	#onUpdate = ({ added, updated, removed }: AwarenessChange): void => {
		const self = this.awareness.clientID;
		const shown = (id: number) => !this.#large || id === self || this.#slots.has(id);
		for (const id of [...added, ...updated]) {
			if (!shown(id)) continue;
			this.#pending.add(id);
			this.#forgotten.delete(id);
		}
		for (const id of removed) {
			// Still to be hidden: the others hold it yet, so they are told it is gone.
			const unhidden = this.#hidden.delete(id);
			this.#forgotten.delete(id);
			// A state nobody holds needs no removal.
			if (!this.#large || id === self || this.#slots.delete(id) || unhidden) this.#pending.add(id);
		}
		if (this.#pending.size > 0) this.#schedule();
	};
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
