// Storage of Yjs doc state per room, behind an interface so each database is an added implementation
// (SQLite answers at once unless a domain transaction holds its connection; PostgreSQL later). A method may return its answer or a promise of it: the
// hub takes a plain value at once (no extra turn of the event loop per update) and waits for a
// promise, and keeps its guarantees either way (see server/hub/room-store.ts): an update is stored
// before anyone receives it, a room's calls come one at a time and in order, and `compact` never
// runs while an append of the same room is in flight.

export type MaybePromise<T> = T | Promise<T>;

export interface StoredDoc {
	/** Every stored update of the room in order (a snapshot first, when compacted); empty when new. */
	updates: Uint8Array[];
	/** Changes when the stored history is replaced (a backup restored, personal data deleted). */
	generation: number;
}

export interface DocPersistence {
	load(room: string): MaybePromise<StoredDoc>;
	/**
	 * Appends one update; answers how many rows the room now spans (a snapshot counts as one). Fails
	 * (throws or rejects) when the update could not be stored: the hub then broadcasts nothing of it.
	 */
	appendUpdate(room: string, update: Uint8Array): MaybePromise<number>;
	/**
	 * Replaces, atomically, the room's rows that this store loaded or appended before the call with
	 * `snapshot` (which holds all of them). Rows it did not know of survive: a snapshot replaces
	 * exactly what it covers.
	 */
	compact(room: string, snapshot: Uint8Array): MaybePromise<void>;
}
