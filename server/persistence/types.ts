// Storage of Yjs doc state per room, behind an interface so PostgreSQL (scale path) is an added
// implementation. All methods are synchronous: the hub persists an update before it broadcasts it.
export interface DocPersistence {
	/** Every stored update of a room in order (a snapshot first, when compacted); empty when new. */
	load(room: string): { updates: Uint8Array[]; generation: number };
	/** Appends one update; returns how many rows the room now spans (a snapshot counts as one). */
	appendUpdate(room: string, update: Uint8Array): number;
	/** Replaces all of a room's rows with `snapshot`, atomically. */
	compact(room: string, snapshot: Uint8Array): void;
}
