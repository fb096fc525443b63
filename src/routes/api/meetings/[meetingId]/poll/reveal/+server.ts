import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { revealQuestion } from '$lib/server/polls/poll-control';
import { body, respond, signedOut } from '../respond';

/** Command: reveal or hide a question's results `{ questionId, revealed }`. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return signedOut();
	const input = await body(request);
	if (!input.ok) return input.response;
	return respond(revealQuestion(appDb(), locals.actor, params.meetingId, input.value, Date.now()));
};
