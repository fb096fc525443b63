import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { runMeetingBoardCommand } from '$lib/server/boards/meeting-board-commands';
import { closeOldTables } from '$lib/server/boards/after-command';
import { commandResponse } from '$lib/server/http/command-response';
import { problem, readJson } from '$lib/server/http/problem';
import { errorMessage } from '$lib/i18n/errors';

/** Facilitator commands for the boards of the whole meeting: phase.set-tables, board.settings, tables.assign. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return problem(401, 'not-signed-in', errorMessage('not-signed-in'));
	const body = await readJson(request);
	if (body === null) return problem(400, 'invalid-json', errorMessage('invalid-json'));
	const result = runMeetingBoardCommand(appDb(), locals.actor, params.meetingId, body, Date.now());
	if (result.ok && !result.replayed) closeOldTables(result.result);
	return commandResponse(result);
};
