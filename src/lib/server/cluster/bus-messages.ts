/**
 * The messages processes send each other through Redis, and their check. Redis is shared ground (another
 * version of us, an operator's `redis-cli`, a bug): everything that arrives is parsed and validated, and
 * anything malformed is dropped, never acted on. Messages stay small: they say what to re-read, never
 * carry the data itself (SQL is the source of truth).
 */
import * as v from 'valibot';
import type { ConnectionFilter } from '../realtime-seam.ts';
import { parseRoomName } from '../../realtime/rooms.ts';

/** Larger than any valid message (the list limits below keep them under it); longer input is not parsed. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Rooms per hint: the bus splits a longer list over several hints. */
export const MAX_HINT_ROOMS = 256;

// Our ids: lowercase base32 (newId) or hex (session ids).
const Id = v.pipe(v.string(), v.regex(/^[a-z0-9]{1,128}$/));
const Room = v.pipe(
	v.string(),
	v.maxLength(64),
	v.check((name) => parseRoomName(name) !== null, 'not a room name')
);

// The same fields as the hub's ConnectionFilter (realtime-seam.ts), so a receiver hands it over as is.
const Filter = v.object({
	sessionId: v.optional(Id),
	userId: v.optional(Id),
	participantId: v.optional(Id),
	meetingId: v.optional(Id),
	room: v.optional(Room),
	participantsOnly: v.optional(v.boolean()),
	exceptSessionId: v.optional(Id),
	code: v.optional(v.picklist([4401, 4403]))
});

const Envelope = {
	v: v.literal(1),
	/** The sending process: a process drops its own messages. */
	from: v.pipe(v.string(), v.minLength(1), v.maxLength(100))
};

/** Ids a hint's board change may name (beyond that the hint goes without it: the rooms alone). */
export const MAX_CHANGE_IDS = 200;
const Ids = v.pipe(v.array(Id), v.maxLength(MAX_CHANGE_IDS));

// A board change as the frame published it (events.ts BoardChange): ids only, every value is re-read
// from SQL when written. With it the owner writes exactly what it would for its own command (one card,
// not the whole board); without it, it re-reads the named rooms whole.
const BoardChangeSchema = v.object({
	type: v.literal('board.changed'),
	meetingId: Id,
	tableIds: Ids,
	participantIds: Ids,
	plenary: v.optional(v.boolean()),
	talliesOnly: v.optional(v.boolean()),
	cardIds: v.optional(Ids)
});

const HintSchema = v.object({
	...Envelope,
	kind: v.literal('hint'),
	/** Addressed to the owner of this meeting: others drop it. */
	meetingId: Id,
	/** The rooms to re-read from SQL. */
	rooms: v.pipe(v.array(Room), v.minLength(1), v.maxLength(MAX_HINT_ROOMS)),
	/** The change itself, when it is a small board change of this meeting (see BoardChangeSchema). */
	change: v.optional(BoardChangeSchema)
});

const ControlSchema = v.object({
	...Envelope,
	kind: v.literal('control'),
	/** Why, for logs and metrics: `logout`, `account-disabled`, `personal-data-deleted`, … */
	reason: v.pipe(v.string(), v.regex(/^[a-z][a-z-]{0,39}$/)),
	/** Every process closes the connections each filter names (a participant set is several filters). */
	disconnect: v.pipe(v.array(Filter), v.maxLength(500)),
	/** Rooms to drop from memory unstored, where they are loaded (after a deletion of personal data). */
	resetRooms: v.optional(v.pipe(v.array(Room), v.maxLength(256)))
});

const BusMessageSchema = v.variant('kind', [HintSchema, ControlSchema]);

export type HintMessage = v.InferOutput<typeof HintSchema>;
export type ControlMessage = v.InferOutput<typeof ControlSchema>;
export type BusMessage = v.InferOutput<typeof BusMessageSchema>;

/** What a caller fills in; the bus adds the envelope. */
export type Hint = Omit<HintMessage, 'v' | 'from' | 'kind'>;
export type Control = Omit<ControlMessage, 'v' | 'from' | 'kind'>;

// Compile-time proof that a received filter is the hub's ConnectionFilter: an edit to one without the
// other fails `npm run check`.
const filterFits: (filter: v.InferOutput<typeof Filter>) => ConnectionFilter = (filter) => filter;
void filterFits;

/** True when `message` would pass `parseBusMessage` on the other side (a sender's own check). */
export function isValidBusMessage(message: BusMessage): boolean {
	return v.is(BusMessageSchema, message);
}

/** The message in `raw`, or null when it is too big, not JSON, or not one of ours. */
export function parseBusMessage(raw: string): BusMessage | null {
	if (raw.length > MAX_MESSAGE_BYTES) return null;
	let data: unknown;
	try {
		data = JSON.parse(raw);
	} catch {
		return null;
	}
	const result = v.safeParse(BusMessageSchema, data);
	return result.success ? result.output : null;
}
