import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { addCard } from '$lib/server/boards/add-card';
import { listBoardCards } from '$lib/server/boards/board-cards';
import { loadTableFacts } from '$lib/server/access/facts';
import { canViewTable } from '$lib/server/access/policies';
import { publishChange } from '$lib/server/realtime-seam';
import { problem, readJson } from '$lib/server/http/problem';
import { errorMessage, fieldMessages } from '$lib/i18n/errors';

const STATUS = {
	'not-found': 404,
	'not-allowed': 403,
	'meeting-not-active': 409,
	'table-full': 409,
	'command-id-taken': 409,
	invalid: 422
} as const;

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
	if (!result.ok) {
		if (result.reason === 'invalid') {
			return problem(422, 'invalid', Object.values(fieldMessages(result.errors))[0], {
				errors: fieldMessages(result.errors)
			});
		}
		return problem(STATUS[result.reason], result.reason, errorMessage(result.reason));
	}
	if (result.change) publishChange(result.change);
	return json({ card: result.card, replayed: result.replayed }, { status: result.replayed ? 200 : 201 });
};
