// The few y-websocket protocol frames a light client needs, encoded by hand so a load-generator
// thread can hold hundreds of connections without a Y.Doc or an Awareness each.
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

/** Sync step 1 with an empty state vector: "send me the whole document". */
export const SYNC_STEP_1: Uint8Array = (() => {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(enc, new Y.Doc());
	return encoding.toUint8Array(enc);
})();

/** One awareness entry (what a stock client sends when its presence changes). */
export function awarenessFrame(clientId: number, clock: number, state: Record<string, unknown> | null): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(enc, awarenessUpdate(clientId, clock, state));
	return encoding.toUint8Array(enc);
}

/** The awareness update itself (y-protocols' encoding of one client's state), shared by both wire formats. */
export function awarenessUpdate(clientId: number, clock: number, state: Record<string, unknown> | null): Uint8Array {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, 1);
	encoding.writeVarUint(update, clientId);
	encoding.writeVarUint(update, clock);
	encoding.writeVarString(update, JSON.stringify(state));
	return encoding.toUint8Array(update);
}

/** A random awareness client id, as Yjs makes them (uint32). */
export const randomClientId = (): number => Math.floor(Math.random() * 0xffffffff) >>> 0;
