import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { addCard } from '$lib/server/boards/add-card';
import { listBoardCards } from '$lib/server/boards/board-cards';
import { loadTableFacts } from '$lib/server/access/facts';
import { canViewTable } from '$lib/server/access/policies';
import { commandResponse } from '$lib/server/http/command-response';
import { problem, readJson } from '$lib/server/http/problem';
import { errorMessage } from '$lib/i18n/errors';

/** The cards of a table, for whoever may see that board. */
export const GET: RequestHandler = ({ locals, params }) => {
	if (!locals.actor) return problem(401, 'not-signed-in', errorMessage('not-signed-in'));
	const table = loadTableFacts(appDb(), params.tableId);
	if (!table) return problem(404, 'not-found', errorMessage('not-found'));
	if (!canViewTable(locals.actor, table)) return problem(403, 'not-allowed', errorMessage('not-allowed'));
	return json({ cards: listBoardCards(appDb(), params.tableId) });
};

/** Command: add a card. 201 when added, 200 when the same command id was already applied. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return problem(401, 'not-signed-in', errorMessage('not-signed-in'));
	const body = await readJson(request);
	if (body === null) return problem(400, 'invalid-json', errorMessage('invalid-json'));
	const result = addCard(appDb(), locals.actor, params.tableId, body, Date.now());
	return commandResponse(result, (r) => ({ card: r.card }), { created: true });
};
