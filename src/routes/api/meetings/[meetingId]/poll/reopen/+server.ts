import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { reopenPoll } from '$lib/server/polls/poll-control';
import { body, respond, signedOut } from '../respond';

/** Command: reopen the poll (meeting open or live). */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) return signedOut();
	const input = await body(request);
	if (!input.ok) return input.response;
	return respond(reopenPoll(appDb(), locals.actor, params.meetingId, input.value, Date.now()));
};
