import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { COMMAND_MESSAGE } from '#lib/realtime/command-wire.ts';

// The y-websocket wire format: every frame starts with a varUint message type.
export const MESSAGE = {
	sync: 0,
	awareness: 1,
	auth: 2,
	queryAwareness: 3,
	/**
	 * Ours, not y-websocket's: a command and its answer on the room socket (issue #18). JSON both ways,
	 * `{ commandId, type, …input }` in and `{ commandId, status, body }` out, as the HTTP door takes and
	 * answers it; see #lib/realtime/command-wire.ts. Answered only to the socket that sent it.
	 */
	command: COMMAND_MESSAGE
} as const;

// Sub-types of a sync message, as y-protocols numbers them.
export const SYNC = {
	step1: 0,
	step2: 1,
	update: 2
} as const;

/** One client's entry in an awareness update; `state` null means "this client left". */
export interface AwarenessEntry {
	clientID: number;
	clock: number;
	state: Record<string, unknown> | null;
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MESSAGE.sync);
		syncProtocol.writeSyncStep1(e, doc);
	});
}

/** Sync step 2: what `doc` holds beyond `stateVector` (everything when it is omitted). */
export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MESSAGE.sync);
		syncProtocol.writeSyncStep2(e, doc, stateVector);
	});
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MESSAGE.sync);
		syncProtocol.writeUpdate(e, update);
	});
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MESSAGE.awareness);
		encoding.writeVarUint8Array(e, awarenessUpdate);
	});
}

// An awareness update with zero entries: a real protocol message that changes nothing, so a quiet
// client's 30 s "no message received" watchdog does not reconnect it.
export const KEEPALIVE_FRAME: Uint8Array = encodeAwarenessMessage(encodeAwarenessEntries([]));

/** Decodes an awareness update. Throws on a truncated update or a state that is not JSON. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientID = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const state: unknown = JSON.parse(decoding.readVarString(decoder));
		entries.push({ clientID, clock, state: state as AwarenessEntry['state'] });
	}
	return entries;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, entries.length);
		for (const entry of entries) {
			encoding.writeVarUint(e, entry.clientID);
			encoding.writeVarUint(e, entry.clock);
			encoding.writeVarString(e, JSON.stringify(entry.state));
		}
	});
}
