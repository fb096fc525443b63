import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { changeMeetingStatus } from '$lib/server/meetings/change-status';
import { jsonCommand } from '$lib/server/http/json-door';
import { statusReplyOf } from '$lib/server/http/command-reply';

/** Command: one step in the meeting's life cycle, `{ commandId, action }`. 409 when the step does not apply. */
export const POST: RequestHandler = (event) =>
	jsonCommand(event, async (actor, input, now) =>
		statusReplyOf(await changeMeetingStatus(appDb(), actor, event.params.meetingId, input, now))
	);
