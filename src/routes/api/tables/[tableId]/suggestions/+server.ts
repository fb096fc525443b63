import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { loadTableFacts } from '$lib/server/access/facts';
import { canViewTable } from '$lib/server/access/policies';
import { tableSuggestions } from '$lib/server/boards/table-suggestions';
import { refuse } from '$lib/server/commands/refusals';
import { refusalResponse } from '$lib/server/http/json-door';
import { themeReasonLabels } from '$lib/i18n/theme-labels';

/** Theme suggestions for the table's unsorted cards, for whoever may see that board. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.actor) return refusalResponse(refuse('not-signed-in'));
	const table = await loadTableFacts(appDb(), params.tableId);
	if (!table) return refusalResponse(refuse('not-found'));
	if (!canViewTable(locals.actor, table)) return refusalResponse(refuse('not-allowed'));
	return json(await tableSuggestions(appDb(), table.id, table.meeting.id, themeReasonLabels()), {
		headers: { 'cache-control': 'no-store' }
	});
};
