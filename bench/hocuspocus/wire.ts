// The few Hocuspocus protocol frames a light client needs, encoded by hand like bench/lib/wire.ts
// does for y-websocket. Hocuspocus multiplexes documents over one socket: every frame starts with the
// document name (varString), then the message type; the y-protocols payload follows as in y-websocket.
// A client must authenticate each document first; the server queues its other frames until then.
// Frames as @hocuspocus/provider 4.7.0 writes them (OutgoingMessages/*.ts, @hocuspocus/common auth.ts).
// The server's answers (sync step 2, its own sync step 1, sync-status acks) need no reply from a light
// client. Hocuspocus closes a socket that has said nothing for 60 s (its `timeout`; a real provider's
// awareness renewal every 15 s keeps it open): a light client says nothing after its handshake unless
// it sends presence, so every scenario stays well under that, and the idle one counts closed sockets.
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { awarenessUpdate } from '../lib/wire.ts';

/** MessageType of @hocuspocus/server types.ts (not y-websocket's numbering beyond 0 and 1). */
const MESSAGE = { sync: 0, awareness: 1, auth: 2 } as const;
/** AuthMessageType.Token of @hocuspocus/common. */
const AUTH_TOKEN = 0;
/** The provider sends its version after the token; the server reads it when present. */
const PROVIDER_VERSION = '4.7.0';

function frame(document: string, type: number, write: (enc: encoding.Encoder) => void): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarString(enc, document);
	encoding.writeVarUint(enc, type);
	write(enc);
	return encoding.toUint8Array(enc);
}

/** What a provider sends when its socket opens: its token, then sync step 1 with an empty state vector. */
export function openFrames(document: string, token: string): Uint8Array[] {
	const auth = frame(document, MESSAGE.auth, (enc) => {
		encoding.writeVarUint(enc, AUTH_TOKEN);
		encoding.writeVarString(enc, token);
		encoding.writeVarString(enc, PROVIDER_VERSION);
	});
	const sync = frame(document, MESSAGE.sync, (enc) => syncProtocol.writeSyncStep1(enc, new Y.Doc()));
	return [auth, sync];
}

/** One awareness entry of one client for `document`. */
export function awarenessFrame(document: string, clientId: number, clock: number, state: Record<string, unknown> | null): Uint8Array {
	return frame(document, MESSAGE.awareness, (enc) => encoding.writeVarUint8Array(enc, awarenessUpdate(clientId, clock, state)));
}
