// Room names shared by the browser and the hub: `<kind>:<id>`.

export const ROOM_KINDS = ['meeting', 'facilitation', 'table', 'participant'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export interface RoomName {
	kind: RoomKind;
	id: string;
}

// Ids are ours (see newId): lowercase base32, so anything else is refused before touching the database.
const ID_PATTERN = /^[a-z2-7]{10,40}$/;

/** Parses `table:abc…`; null for anything that is not exactly a known kind and a well-formed id. */
export function parseRoomName(value: string): RoomName | null {
	const colon = value.indexOf(':');
	if (colon < 0) return null;
	const kind = value.slice(0, colon);
	const id = value.slice(colon + 1);
	if (!(ROOM_KINDS as readonly string[]).includes(kind)) return null;
	if (!ID_PATTERN.test(id)) return null;
	return { kind: kind as RoomKind, id };
}

export function roomName(kind: RoomKind, id: string): string {
	return `${kind}:${id}`;
}

/** The room part of a WebSocket path `/yjs/<room>`, or null when the path is not a room path. */
export function roomFromPath(pathname: string): string | null {
	if (!pathname.startsWith('/yjs/')) return null;
	try {
		return decodeURIComponent(pathname.slice('/yjs/'.length));
	} catch {
		return null;
	}
}
