import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { runMeetingBoardCommand, type Move } from '$lib/server/boards/meeting-board-commands';
import { commandResponse } from '$lib/server/http/command-response';
import { problem, readJson } from '$lib/server/http/problem';
import { disconnectLive } from '$lib/server/realtime-seam';
import { roomName } from '$lib/realtime/rooms';
import { errorMessage } from '$lib/i18n/errors';

/** Facilitator commands for the boards of the whole meeting: phase.set-tables, board.settings, tables.assign. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return problem(401, 'not-signed-in', errorMessage('not-signed-in'));
	const body = await readJson(request);
	if (body === null) return problem(400, 'invalid-json', errorMessage('invalid-json'));
	const result = runMeetingBoardCommand(appDb(), locals.actor, params.meetingId, body, Date.now());
	if (result.ok && !result.replayed) {
		const moves = (result.result as { moves?: Move[] }).moves ?? [];
		for (const move of moves) {
			if (move.from) disconnectLive({ participantId: move.participantId, room: roomName('table', move.from) });
		}
	}
	return commandResponse(result);
};
