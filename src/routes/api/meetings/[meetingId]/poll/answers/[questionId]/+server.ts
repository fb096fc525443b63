import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { saveAnswer } from '$lib/server/polls/submit-answers';
import { body, respond, signedOut, tooMany } from '../../respond';

/** Command: save one answer as you go `{ commandId, value, explanation? }` (empty value clears it). */
export const PUT: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return signedOut();
	const limited = tooMany(locals.actor);
	if (limited) return limited;
	const input = await body(request);
	if (!input.ok) return input.response;
	return respond(
		saveAnswer(appDb(), locals.actor, params.meetingId, params.questionId, input.value, Date.now())
	);
};
