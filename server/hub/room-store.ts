import * as Y from 'yjs';
import type { DocPersistence, MaybePromise } from '../persistence/types.ts';

export interface RoomStoreOptions {
	room: string;
	persistence: DocPersistence;
	/** Rows the room spans in storage as loaded. */
	rows: number;
	compactAfterUpdates: number;
	/** The whole doc as one update, for a compaction. */
	snapshot(): Uint8Array;
	/** Sends a stored update to the room's connections. */
	broadcast(update: Uint8Array): void;
	/** Storage refused an update: nothing more is stored or sent; the room must reload. */
	onFailure(error: unknown): void;
}

type Step = { update: Uint8Array } | { run: () => void };

/**
 * A room's way to storage, one call at a time and in order. Persist, then broadcast: an update
 * reaches connections only once the store has it, and what the room sends a client about its doc
 * (a greeting, a sync answer) waits for every update made before it (see `afterStored`).
 *
 * A store that answers at once (SQLite) takes the direct path: store, broadcast, done, within the
 * write — no queue, no extra turn of the event loop. While a store's answer is pending, later
 * updates wait in the queue and are stored together as one merged update when their turn comes
 * (one round trip for a burst). A compaction takes its turn like an append, so it never races one:
 * the rows it replaces are exactly those stored before it, and updates made meanwhile are appended
 * after it.
 */
export class RoomStore {
	readonly #options: RoomStoreOptions;
	#rows: number;
	#queue: Step[] = [];
	/** True while a call to storage is pending or the queue is being worked through. */
	#busy = false;
	#stopped = false;
	#idleWaiters: Array<() => void> = [];

	constructor(options: RoomStoreOptions) {
		this.#options = options;
		this.#rows = options.rows;
	}

	/** Stores `update`, then broadcasts it, after every update before it. Must not throw. */
	append(update: Uint8Array): void {
		if (this.#stopped) return;
		if (this.#busy) this.#queue.push({ update });
		else this.#store([update]);
	}

	/**
	 * Runs `fn` once every update appended so far is stored (at once when nothing waits): for
	 * anything that shows a client the doc as it is now. Encode the message before calling, so it
	 * holds no update made after this call.
	 */
	afterStored(fn: () => void): void {
		if (this.#stopped) return;
		if (this.#busy) this.#queue.push({ run: fn });
		else fn();
	}

	/** Stores and sends nothing more (the room is dropped); a pending call still runs out. */
	stop(): void {
		this.#stopped = true;
		this.#queue.length = 0;
	}

	/** Resolves once nothing is pending (after a stop: once the call in flight has ended). */
	idle(): Promise<void> {
		if (!this.#busy) return Promise.resolve();
		return new Promise((resolve) => this.#idleWaiters.push(resolve));
	}

	/**
	 * Stops the store once what is queued is stored, compacting first when asked and worth it. Answers
	 * null when all of that is done at once (a store that answers at once, nothing pending), else a
	 * promise that resolves when it is done, also when storage fails (the rows then keep the doc as
	 * appended).
	 */
	close(compact: boolean): Promise<void> | null {
		if (this.#busy) return this.idle().then(() => this.close(compact) ?? undefined);
		const worthIt = compact && !this.#stopped && this.#rows > 1;
		this.stop();
		if (!worthIt) return null;
		const failed = (error: unknown) => console.error(`[hub] compaction of ${this.#options.room} failed`, error);
		try {
			const answer = this.#options.persistence.compact(this.#options.room, this.#options.snapshot());
			return isPromise(answer) ? answer.catch(failed) : null;
		} catch (error) {
			failed(error);
			return null;
		}
	}

	#store(updates: Uint8Array[]): void {
		this.#busy = true;
		const update = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
		let answer: MaybePromise<number>;
		try {
			answer = this.#options.persistence.appendUpdate(this.#options.room, update);
		} catch (error) {
			return this.#fail(error);
		}
		if (isPromise(answer)) {
			answer.then(
				(rows) => this.#stored(update, rows),
				(error: unknown) => this.#fail(error)
			);
		} else this.#stored(update, answer);
	}

	#stored(update: Uint8Array, rows: number): void {
		// Dropped meanwhile (a reset): nobody may receive it.
		if (this.#stopped) return this.#settle();
		this.#rows = rows;
		this.#options.broadcast(update);
		if (rows < this.#options.compactAfterUpdates) return this.#next();
		let answer: MaybePromise<void>;
		try {
			answer = this.#options.persistence.compact(this.#options.room, this.#options.snapshot());
		} catch (error) {
			return this.#compactFailed(error);
		}
		if (isPromise(answer)) {
			answer.then(
				() => this.#compacted(),
				(error: unknown) => this.#compactFailed(error)
			);
		} else this.#compacted();
	}

	#compacted(): void {
		this.#rows = 1;
		this.#next();
	}

	// Not fatal: the rows still hold the whole doc, the next threshold tries again.
	#compactFailed(error: unknown): void {
		console.error(`[hub] compaction of ${this.#options.room} failed`, error);
		this.#next();
	}

	/** Runs the waiting steps in order: sends at once, then the next run of updates as one append. */
	#next(): void {
		if (this.#stopped) return this.#settle();
		while (this.#queue.length > 0) {
			const first = this.#queue[0];
			if ('run' in first) {
				this.#queue.shift();
				first.run();
				continue;
			}
			let end = 1;
			while (end < this.#queue.length && 'update' in this.#queue[end]) end++;
			const updates = this.#queue.splice(0, end).map((step) => (step as { update: Uint8Array }).update);
			return this.#store(updates);
		}
		this.#settle();
	}

	#fail(error: unknown): void {
		// Already dropped (a reset, or closing with storage down): nothing more to undo.
		const dropped = this.#stopped;
		this.stop();
		this.#settle();
		if (dropped) console.error(`[hub] storing an update of ${this.#options.room} failed after it was dropped`, error);
		else this.#options.onFailure(error);
	}

	#settle(): void {
		this.#busy = false;
		for (const resolve of this.#idleWaiters.splice(0)) resolve();
	}
}

function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
	return typeof (value as { then?: unknown } | null)?.then === 'function';
}
