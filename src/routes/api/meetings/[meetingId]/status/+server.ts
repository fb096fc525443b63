import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { changeMeetingStatus } from '$lib/server/meetings/change-status';
import { afterStatusChange } from '$lib/server/meetings/after-status';
import { problem, readJson } from '$lib/server/http/problem';
import { publishChange } from '$lib/server/realtime-seam';
import { errorMessage, fieldMessages } from '$lib/i18n/errors';

const STATUS = {
	'not-found': 404,
	'not-allowed': 403,
	'invalid-transition': 409,
	'command-id-taken': 409
} as const;

/** Command: one step in the meeting's life cycle, `{ commandId, action }`. 409 when the step does not apply. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return problem(401, 'not-signed-in', errorMessage('not-signed-in'));
	const body = await readJson(request);
	if (body === null) return problem(400, 'invalid-json', errorMessage('invalid-json'));
	const result = changeMeetingStatus(appDb(), locals.actor, params.meetingId, body, Date.now());
	if (!result.ok) {
		if (result.reason === 'invalid') {
			const errors = fieldMessages(result.errors);
			return problem(422, 'invalid', Object.values(errors)[0], { errors });
		}
		return problem(STATUS[result.reason], result.reason, errorMessage(result.reason));
	}
	if (result.change) publishChange(result.change);
	if (!result.replayed) afterStatusChange(params.meetingId, result.status);
	return json({ status: result.status, replayed: result.replayed });
};
