import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

// Commands over the room socket (issue #18): the browser's board sends a command on the y-websocket
// connection it already holds instead of a POST, and the hub answers on that socket alone. Shared by
// the browser and the hub, so both speak the same frame.
//
// One frame each way, beside y-websocket's own types (sync 0, awareness 1, auth 2, query awareness 3;
// 8 is used by no y-websocket version):
//   client → server: varUint 8, varString JSON `{ commandId, type, ...input }` — exactly the body
//                    POST /api/tables/<id>/commands takes; the table is the socket's room.
//   server → client: varUint 8, varString JSON `{ commandId, status, body }` — the status and body that
//                    POST would have answered. `commandId` is null when the frame could not be read
//                    (not JSON, too large): nothing to match it with.
// The stock client never sends type 8 and is never sent one (an answer goes only to the socket that
// asked), so it keeps working against our server.

export const COMMAND_MESSAGE = 8;

export interface CommandAnswer {
	commandId: string | null;
	status: number;
	body: Record<string, unknown>;
}

// Backed by a plain ArrayBuffer (lib0 makes one), which is what a browser WebSocket's send() takes.
function frame(json: string): Uint8Array<ArrayBuffer> {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, COMMAND_MESSAGE);
	encoding.writeVarString(e, json);
	return encoding.toUint8Array(e) as Uint8Array<ArrayBuffer>;
}

/** A command as the browser sends it: the same JSON as the HTTP body. */
export function encodeCommand(command: Record<string, unknown>): Uint8Array<ArrayBuffer> {
	return frame(JSON.stringify(command));
}

export function encodeCommandAnswer(answer: CommandAnswer): Uint8Array<ArrayBuffer> {
	return frame(JSON.stringify(answer));
}

/** True when a frame is a command message (the first varUint is 8). Throws on an empty frame. */
export function isCommandFrame(data: Uint8Array): boolean {
	return decoding.peekVarUint(decoding.createDecoder(data)) === COMMAND_MESSAGE;
}

/** The JSON text of a command frame (not parsed: the door checks its size first). Throws when truncated. */
export function readCommandText(data: Uint8Array): string {
	const decoder = decoding.createDecoder(data);
	decoding.readVarUint(decoder);
	return decoding.readVarString(decoder);
}

/** An answer from the server, read after its type; null when it is not one we could have sent. */
export function readCommandAnswer(decoder: decoding.Decoder): CommandAnswer | null {
	try {
		const value = JSON.parse(decoding.readVarString(decoder)) as Partial<CommandAnswer> | null;
		if (!value || typeof value.status !== 'number' || typeof value.body !== 'object' || value.body === null) return null;
		return { commandId: typeof value.commandId === 'string' ? value.commandId : null, status: value.status, body: value.body };
	} catch {
		return null;
	}
}
