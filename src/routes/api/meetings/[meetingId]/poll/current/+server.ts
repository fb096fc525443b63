import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { setCurrentQuestion } from '$lib/server/polls/poll-control';
import { jsonCommand } from '$lib/server/http/json-door';
import { pollReplyOf } from '$lib/server/http/command-reply';

/** Command: the projector's question `{ questionId | null }`. */
export const POST: RequestHandler = (event) =>
	jsonCommand(event, async (actor, input, now) =>
		pollReplyOf(await setCurrentQuestion(appDb(), actor, event.params.meetingId, input, now))
	);
