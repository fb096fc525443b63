import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { getOwnAnswers, submitAnswers } from '$lib/server/polls/submit-answers';
import { problem } from '$lib/server/http/problem';
import { errorMessage } from '$lib/i18n/errors';
import { body, respond, signedOut, tooMany } from '../respond';

/** The signed-in participant's own answers. */
export const GET: RequestHandler = ({ locals, params }) => {
	if (!locals.actor) return signedOut();
	const answers = getOwnAnswers(appDb(), locals.actor, params.meetingId);
	if (!answers) return problem(403, 'not-allowed', errorMessage('not-allowed'));
	return json({ answers });
};

/** Command: submit the whole poll `{ commandId, answers: [{ questionId, value, explanation? }] }`. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return signedOut();
	const limited = tooMany(locals.actor);
	if (limited) return limited;
	const input = await body(request);
	if (!input.ok) return input.response;
	return respond(submitAnswers(appDb(), locals.actor, params.meetingId, input.value, Date.now()));
};
