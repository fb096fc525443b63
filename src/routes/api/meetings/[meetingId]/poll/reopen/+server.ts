import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { reopenPoll } from '$lib/server/polls/poll-control';
import { jsonCommand } from '$lib/server/http/json-door';
import { pollReplyOf } from '$lib/server/http/command-reply';

/** Command: reopen the poll (meeting open or live). */
export const POST: RequestHandler = (event) =>
	jsonCommand(event, async (actor, input, now) =>
		pollReplyOf(await reopenPoll(appDb(), actor, event.params.meetingId, input, now))
	);
