import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { addQuestion } from '$lib/server/polls/add-question';
import { body, respond, signedOut } from '../respond';

/** Command: add a question at the end. 201 `{ question }`. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return signedOut();
	const input = await body(request);
	if (!input.ok) return input.response;
	return respond(
		addQuestion(appDb(), locals.actor, params.meetingId, input.value, Date.now()),
		true
	);
};
