import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { reorderQuestion } from '$lib/server/polls/reorder-question';
import { jsonCommand } from '$lib/server/http/json-door';
import { pollReplyOf } from '$lib/server/http/command-reply';

/** Command: move a question after another (`afterId: null` = first). */
export const POST: RequestHandler = (event) =>
	jsonCommand(event, async (actor, input, now) =>
		pollReplyOf(await reorderQuestion(appDb(), actor, event.params.meetingId, input, now))
	);
