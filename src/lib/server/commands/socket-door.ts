import type { Db } from '../db/client.ts';
import { validateSession, type SessionLifetime } from '../auth/session.ts';
import { runTableCommand } from '../boards/table-commands.ts';
import { JSON_BODY_MAX } from '../http/body-limit.ts';
import { replyBody, replyOf } from '../http/command-reply.ts';
import { localeStorage } from '../i18n/locale-storage.ts';
import { asLocale } from '../i18n/locale-cookie.ts';
import { parseRoomName } from '../../realtime/rooms.ts';
import type { CommandAnswer } from '../../realtime/command-wire.ts';
import { refuse, type Refusal } from './refusals.ts';

// The room socket's door for commands (issue #18): the JSON a browser would POST to
// /api/tables/<id>/commands arrives as a frame on its `table:<id>` socket, passes through the same
// command frame (replay, per-person limit, refusals, metrics) and is answered with the status and body
// the HTTP door would have sent, in the socket's language. No HTTP parsing or cookie hashing per
// command; the session is still checked by its id for each one (a keyed lookup), so a logout or an
// expired session stops commands at once, whatever the socket was allowed when it opened.
//
// Refused before the frame, as the HTTP door refuses before its route runs:
//   413 too-large (over JSON_BODY_MAX, as the HTTP body) · 400 invalid-json · 401 not-signed-in (the
//   session ended: the hub then closes the socket with 4401) · 403 not-allowed for a projector (no
//   person to act for), for a socket on a room other than a table's, and for a command naming another
//   table (`tableId`) than the socket's room: the socket's authorization covers its own table only.

/** Who holds the socket, as the upgrade established it. */
export interface SocketHolder {
	sessionId: string;
	userId: string | null;
	participantId: string | null;
}

export interface SocketCommand {
	holder: SocketHolder;
	/** The socket's room (`table:<id>`). */
	room: string;
	/** The frame's JSON text, unparsed. */
	text: string;
	/** The socket's language (from its upgrade request); the base locale when unknown. */
	locale: string | undefined;
	life: SessionLifetime;
}

/** Runs one command frame; must not throw (a failure answers 500 and the browser sends it again). */
export async function runSocketCommand(db: Db, command: SocketCommand): Promise<CommandAnswer> {
	const { holder, room, text, locale, life } = command;
	const answer = (commandId: string | null, reply: Parameters<typeof replyBody>[0]): CommandAnswer => {
		// The sentences of a refusal in the socket's language (paraglide reads it from this store).
		const { status, body } = localeStorage().run({ locale: asLocale(locale) }, () => replyBody(reply));
		return { commandId, status, body };
	};
	const refused = (commandId: string | null, refusal: Refusal) => answer(commandId, refusal);

	if (new TextEncoder().encode(text).byteLength > JSON_BODY_MAX) return refused(null, refuse('too-large'));
	let input: unknown;
	try {
		input = JSON.parse(text);
	} catch {
		return refused(null, refuse('invalid-json'));
	}
	const fields = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : null;
	const commandId = typeof fields?.commandId === 'string' ? fields.commandId : null;

	const name = parseRoomName(room);
	if (name?.kind !== 'table') return refused(commandId, refuse('not-allowed'));
	if (fields && 'tableId' in fields && fields.tableId !== name.id) return refused(commandId, refuse('not-allowed'));
	// A projector link opens rooms without a person behind it: it may look, never act.
	if (holder.userId === null && holder.participantId === null) return refused(commandId, refuse('not-allowed'));

	try {
		// Awaited: the session lookup may become async (the database calls are turning async).
		const { actor } = await validateSession(db, holder.sessionId, life);
		if (!actor) return refused(commandId, refuse('not-signed-in'));
		// The table is the socket's room (checked above): the command itself names none, as over HTTP.
		let body = input;
		if (fields && 'tableId' in fields) {
			body = { ...fields };
			delete (body as Record<string, unknown>).tableId;
		}
		const outcome = await runTableCommand(db, actor, name.id, body, life.now);
		return answer(commandId, replyOf(outcome));
	} catch (error) {
		console.error('[socket-door] a command failed', error);
		return { commandId, status: 500, body: { error: 'internal-error', message: 'Internal Error' } };
	}
}
