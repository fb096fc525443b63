import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { getOwnAnswers, submitAnswers } from '$lib/server/polls/submit-answers';
import { refuse } from '$lib/server/commands/refusals';
import { jsonCommand, refusalResponse } from '$lib/server/http/json-door';
import { pollReplyOf } from '$lib/server/http/command-reply';

/** The signed-in participant's own answers. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.actor) return refusalResponse(refuse('not-signed-in'));
	const answers = await getOwnAnswers(appDb(), locals.actor, params.meetingId);
	if (!answers) return refusalResponse(refuse('not-allowed'));
	return json({ answers });
};

/** Command: submit the whole poll `{ commandId, answers: [{ questionId, value, explanation? }] }`. */
export const POST: RequestHandler = (event) =>
	jsonCommand(event, async (actor, input, now) =>
		pollReplyOf(await submitAnswers(appDb(), actor, event.params.meetingId, input, now))
	);
