import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { updateQuestion } from '$lib/server/polls/update-question';
import { removeQuestion } from '$lib/server/polls/remove-question';
import { jsonCommand } from '$lib/server/http/json-door';
import { pollReplyOf } from '$lib/server/http/command-reply';

/** Command: replace a question's definition. 409 `needs-confirmation` `{ affectedResponses }`. */
export const PUT: RequestHandler = (event) =>
	jsonCommand(event, async (actor, input, now) =>
		pollReplyOf(await updateQuestion(appDb(), actor, event.params.meetingId, event.params.questionId, input, now))
	);

/** Command: remove a question (`confirm: true` when it has answers). */
export const DELETE: RequestHandler = (event) =>
	jsonCommand(event, async (actor, input, now) =>
		pollReplyOf(await removeQuestion(appDb(), actor, event.params.meetingId, event.params.questionId, input, now))
	);
