import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { runPlenaryCommand } from '$lib/server/plenary/plenary-round';
import { commandResponse } from '$lib/server/http/command-response';
import { problem, readJson } from '$lib/server/http/problem';
import { errorMessage } from '$lib/i18n/errors';

/**
 * The plenary round: facilitators send `plenary.start {topN, budget}`, `plenary.phase`, `plenary.merge`,
 * `plenary.reset`; participants `plenary.vote` and `plenary.unvote {itemId}`. Each with a commandId.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return problem(401, 'not-signed-in', errorMessage('not-signed-in'));
	const body = await readJson(request);
	if (body === null) return problem(400, 'invalid-json', errorMessage('invalid-json'));
	return commandResponse(runPlenaryCommand(appDb(), locals.actor, params.meetingId, body, Date.now()));
};
