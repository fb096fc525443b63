import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { chooseTable } from '$lib/server/boards/meeting-board-commands';
import { jsonCommand } from '$lib/server/http/json-door';
import { replyOf } from '$lib/server/http/command-reply';

/** Command: the signed-in participant sits down at this table. */
export const POST: RequestHandler = (event) =>
	jsonCommand(event, async (actor, input, now) =>
		replyOf(await chooseTable(appDb(), actor, event.params.tableId, input, now), (move) => ({
			tableId: move.to
		}))
	);
