import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { saveAnswer } from '$lib/server/polls/submit-answers';
import { jsonCommand } from '$lib/server/http/json-door';
import { pollReplyOf } from '$lib/server/http/command-reply';

/**
 * Command: save one answer as you go `{ commandId, value, explanation? }` (empty value clears it).
 * Rate limited per person in the poll scope, together with the phone form's `?/save`.
 */
export const PUT: RequestHandler = (event) =>
	jsonCommand(event, async (actor, input, now) =>
		pollReplyOf(await saveAnswer(appDb(), actor, event.params.meetingId, event.params.questionId, input, now))
	);
