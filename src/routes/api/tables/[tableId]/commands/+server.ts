import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { runTableCommand } from '$lib/server/boards/table-commands';
import { jsonCommand } from '$lib/server/http/json-door';
import { replyOf } from '$lib/server/http/command-reply';

/**
 * Every command on a table's board, named by `type` (card.edit, card.move, vote.cast, phase.set, …),
 * each with a client-made `commandId` so a retry is applied once.
 */
export const POST: RequestHandler = (event) =>
	jsonCommand(event, async (actor, input, now) =>
		replyOf(await runTableCommand(appDb(), actor, event.params.tableId, input, now))
	);
