import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { runMeetingBoardCommand } from '$lib/server/boards/meeting-board-commands';
import { jsonCommand } from '$lib/server/http/json-door';
import { replyOf } from '$lib/server/http/command-reply';

/** Facilitator commands for the boards of the whole meeting: phase.set-tables, board.settings, tables.assign. */
export const POST: RequestHandler = (event) =>
	jsonCommand(event, async (actor, input, now) =>
		replyOf(await runMeetingBoardCommand(appDb(), actor, event.params.meetingId, input, now))
	);
