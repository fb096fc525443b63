import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { revealQuestion } from '$lib/server/polls/poll-control';
import { jsonCommand } from '$lib/server/http/json-door';
import { pollReplyOf } from '$lib/server/http/command-reply';

/** Command: reveal or hide a question's results `{ questionId, revealed }`. */
export const POST: RequestHandler = (event) =>
	jsonCommand(event, async (actor, input, now) =>
		pollReplyOf(await revealQuestion(appDb(), actor, event.params.meetingId, input, now))
	);
