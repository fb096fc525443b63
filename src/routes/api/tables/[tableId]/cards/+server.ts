import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { addCard } from '$lib/server/boards/add-card';
import { listBoardCards } from '$lib/server/boards/board-view';
import { loadTableFacts } from '$lib/server/access/facts';
import { canViewTable } from '$lib/server/access/policies';
import { refuse } from '$lib/server/commands/refusals';
import { jsonCommand, refusalResponse } from '$lib/server/http/json-door';
import { replyOf } from '$lib/server/http/command-reply';

/** The cards of a table, for whoever may see that board. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.actor) return refusalResponse(refuse('not-signed-in'));
	const table = await loadTableFacts(appDb(), params.tableId);
	if (!table) return refusalResponse(refuse('not-found'));
	if (!canViewTable(locals.actor, table)) return refusalResponse(refuse('not-allowed'));
	return json({ cards: await listBoardCards(appDb(), params.tableId) });
};

/** Command: add a card. 201 when added, 200 when the same command id was already applied. */
export const POST: RequestHandler = (event) =>
	jsonCommand(
		event,
		async (actor, input, now) =>
			replyOf(await addCard(appDb(), actor, event.params.tableId, input, now), (r) => ({ card: r.card })),
		{ created: true }
	);
