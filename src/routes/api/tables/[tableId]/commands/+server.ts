import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { runTableCommand } from '$lib/server/boards/table-commands';
import { commandResponse } from '$lib/server/http/command-response';
import { problem, readJson } from '$lib/server/http/problem';
import { errorMessage } from '$lib/i18n/errors';

/**
 * Every command on a table's board, named by `type` (card.edit, card.move, vote.cast, phase.set, …),
 * each with a client-made `commandId` so a retry is applied once.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return problem(401, 'not-signed-in', errorMessage('not-signed-in'));
	const body = await readJson(request);
	if (body === null) return problem(400, 'invalid-json', errorMessage('invalid-json'));
	return commandResponse(runTableCommand(appDb(), locals.actor, params.tableId, body, Date.now()));
};
