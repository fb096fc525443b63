import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { chooseTable } from '$lib/server/boards/meeting-board-commands';
import { commandResponse } from '$lib/server/http/command-response';
import { problem, readJson } from '$lib/server/http/problem';
import { closeOldTables } from '$lib/server/boards/after-command';
import { errorMessage } from '$lib/i18n/errors';

/** Command: the signed-in participant sits down at this table. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return problem(401, 'not-signed-in', errorMessage('not-signed-in'));
	const body = await readJson(request);
	if (body === null) return problem(400, 'invalid-json', errorMessage('invalid-json'));
	const result = chooseTable(appDb(), locals.actor, params.tableId, body, Date.now());
	if (result.ok && !result.replayed) closeOldTables(result.result);
	return commandResponse(result, (move) => ({ tableId: move.to }));
};
