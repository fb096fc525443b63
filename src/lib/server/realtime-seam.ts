import type { ChangePublisher, DomainChange } from './events.ts';

// The one seam between the SvelteKit bundle and the Node-run hub in server/: the hub registers itself
// here under a global symbol, so both module copies (bundled and not) reach the same instance.
const KEY = Symbol.for('denktafel.hub');

export interface ConnectionFilter {
	/** One device's login (logout); the others stay connected. */
	sessionId?: string;
	userId?: string;
	participantId?: string;
	meetingId?: string;
	/** One room only (a participant moved to another table leaves the old table's room). */
	room?: string;
	/** Only participants' connections (a closed meeting): facilitators stay. */
	participantsOnly?: boolean;
	/** Leaves this login's own connections open (a password change ends the other devices'). */
	exceptSessionId?: string;
	/** 4403 when access ended for a reason other than signing out (default 4401). */
	code?: 4401 | 4403;
}

export interface HubSeam extends ChangePublisher {
	/** Closes the live connections of whoever matches (logout, disabled account). Must not throw. */
	disconnect(filter: ConnectionFilter): void;
	stats?(): { rooms: number; connections: number };
	/**
	 * Drops these rooms from memory without storing them, closing their connections: they load again
	 * from storage and SQL (after a deletion of personal data: nothing old survives in memory).
	 */
	resetRooms?(rooms: readonly string[]): void;
}

type Registry = { [KEY]?: HubSeam };

export function registerHub(hub: HubSeam | null): void {
	(globalThis as Registry)[KEY] = hub ?? undefined;
}

export function registeredHub(): HubSeam | null {
	return (globalThis as Registry)[KEY] ?? null;
}

/** Publishes a committed change; without a hub (build, unit tests) the room reconciles on load. */
export function publishChange(change: DomainChange): void {
	registeredHub()?.publish(change);
}

export function resetLiveRooms(rooms: readonly string[]): void {
	registeredHub()?.resetRooms?.(rooms);
}

export function disconnectLive(filter: ConnectionFilter): void {
	registeredHub()?.disconnect(filter);
}
