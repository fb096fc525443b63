import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { updateQuestion } from '$lib/server/polls/update-question';
import { removeQuestion } from '$lib/server/polls/remove-question';
import { body, respond, signedOut } from '../../respond';

/** Command: replace a question's definition. 409 `needs-confirmation` `{ affectedResponses }`. */
export const PUT: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return signedOut();
	const input = await body(request);
	if (!input.ok) return input.response;
	return respond(
		updateQuestion(
			appDb(),
			locals.actor,
			params.meetingId,
			params.questionId,
			input.value,
			Date.now()
		)
	);
};

/** Command: remove a question (`confirm: true` when it has answers). */
export const DELETE: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return signedOut();
	const input = await body(request);
	if (!input.ok) return input.response;
	return respond(
		removeQuestion(
			appDb(),
			locals.actor,
			params.meetingId,
			params.questionId,
			input.value,
			Date.now()
		)
	);
};
