import { mapInOrder } from '../../../../../lib/server/in-order.ts';
import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { isMeetingParticipant } from '$lib/server/access/policies';
import { chooseTable } from '$lib/server/boards/meeting-board-commands';
import { dotsSpent } from '$lib/server/boards/dots';
import { countParticipants, getMeeting, listMeetingTables } from '$lib/server/meetings/queries';
import { formCommand } from '$lib/server/http/form-door';
import { replyOf } from '$lib/server/http/command-reply';
import { errorMessage } from '$lib/i18n/errors';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = locals.actor;
	// Facilitators seat people from the meeting page; this page is the participant's own choice.
	if (actor?.kind === 'user') redirect(303, `/meetings/${params.meetingId}`);
	if (!isMeetingParticipant(actor, params.meetingId) || actor?.kind !== 'participant') error(403, errorMessage('not-allowed'));
	const db = appDb();
	const meeting = await getMeeting(db, params.meetingId);
	if (!meeting) error(404, errorMessage('not-found'));
	return {
		meeting: { id: meeting.id, title: meeting.title, choose: meeting.participantsChooseTable },
		myTableId: actor.participant.tableId,
		// Said before a seat change: the dots stay, the budget is one for all tables.
		dots: { budget: meeting.voteBudget, spent: await dotsSpent(db, actor.participant.id, meeting.id) },
		tables: await mapInOrder(await listMeetingTables(db, meeting.id), async (t) => ({
			id: t.id,
			name: t.name,
			topic: t.topic,
			description: t.description,
			maxSize: t.maxSize,
			seated: await countParticipants(db, meeting.id, t.id)
		})),
		commandId: crypto.randomUUID()
	};
};

export const actions: Actions = {
	/** Sits down at a table (works without JavaScript), then goes there. */
	choose: async ({ locals, request }) => {
		const form = await request.formData();
		const tableId = String(form.get('tableId') ?? '');
		const input = { commandId: String(form.get('commandId') ?? '') };
		const moved = await formCommand(
			locals.actor,
			async (actor, now) => replyOf(await chooseTable(appDb(), actor, tableId, input, now), (move) => ({ to: move.to })),
			{ done: (body) => String(body.to) }
		);
		if (typeof moved !== 'string') return moved;
		redirect(303, `/tables/${moved}`);
	}
};
