import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { reorderQuestion } from '$lib/server/polls/reorder-question';
import { body, respond, signedOut } from '../../respond';

/** Command: move a question after another (`afterId: null` = first). */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return signedOut();
	const input = await body(request);
	if (!input.ok) return input.response;
	return respond(reorderQuestion(appDb(), locals.actor, params.meetingId, input.value, Date.now()));
};
