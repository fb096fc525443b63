import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { runPlenaryCommand } from '$lib/server/plenary/plenary-round';
import { jsonCommand } from '$lib/server/http/json-door';
import { replyOf } from '$lib/server/http/command-reply';

/**
 * The plenary round: facilitators send `plenary.start {topN, budget}`, `plenary.phase`, `plenary.merge`,
 * `plenary.reset`; participants `plenary.vote` and `plenary.unvote {itemId}`. Each with a commandId.
 */
export const POST: RequestHandler = (event) =>
	jsonCommand(event, async (actor, input, now) =>
		replyOf(await runPlenaryCommand(appDb(), actor, event.params.meetingId, input, now))
	);
