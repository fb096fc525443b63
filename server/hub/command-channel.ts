import { encodeCommandAnswer, readCommandText, type CommandAnswer } from '#lib/realtime/command-wire.ts';
import { CLOSE } from './close-codes.ts';
import { countFrame } from '#lib/server/ops/metrics.ts';
import type { HubDeps } from './types.ts';
import type { Connection } from './connection.ts';

/**
 * Command frames on a room socket (the wire: #lib/realtime/command-wire.ts): handed to the app's
 * `command` dependency, answered on the same connection only. The frame already passed the
 * connection's message bucket and size limit. A frame that does not decode throws (the connection
 * closes it with 1002, as any malformed frame); a command the door refuses is an answer, not a close —
 * except 401: the session is gone, so the socket goes as a logout closes it (4401).
 */
export function commandChannel(run: NonNullable<HubDeps['command']>): (conn: Connection, data: Uint8Array) => void {
	return (conn, data) => {
		countFrame('in', data.byteLength);
		const text = readCommandText(data);
		void answer(conn, run, text);
	};
}

async function answer(conn: Connection, run: NonNullable<HubDeps['command']>, text: string): Promise<void> {
	let reply: CommandAnswer;
	try {
		reply = await run(conn.identity, conn.room, text);
	} catch (error) {
		// A bug, not the client's fault: no answer, so the browser sends it again (with the same id).
		console.error(`[hub] a command on ${conn.room} failed`, error);
		return;
	}
	// A socket closed meanwhile gets nothing: its browser retries with the same command id (replayed).
	if (!conn.open) return;
	conn.send(encodeCommandAnswer(reply));
	if (reply.status === 401) conn.close(CLOSE.notSignedIn, 'signed out');
}
