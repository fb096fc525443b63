import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { addQuestion } from '$lib/server/polls/add-question';
import { jsonCommand } from '$lib/server/http/json-door';
import { pollReplyOf } from '$lib/server/http/command-reply';

/** Command: add a question at the end. 201 `{ question }`. */
export const POST: RequestHandler = (event) =>
	jsonCommand(
		event,
		async (actor, input, now) => pollReplyOf(await addQuestion(appDb(), actor, event.params.meetingId, input, now)),
		{ created: true }
	);
