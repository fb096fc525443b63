import type { Actions, PageServerLoad } from './$types';
import { error, fail } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { loadManageableMeeting } from '$lib/server/meetings/manage-access';
import { listMeetingTables } from '$lib/server/meetings/queries';
import { listThemes } from '$lib/server/boards/board-view';
import { runTableCommand } from '$lib/server/boards/table-commands';
import { formReply } from '$lib/server/http/form-door';
import { replyOf } from '$lib/server/http/command-reply';
import { listBallots, pollSnapshot } from '$lib/server/polls/poll-queries';
import { boardCandidates, parseCandidateKeys } from '$lib/server/polls/board-candidates';
import { errorMessage } from '$lib/i18n/errors';
import { m } from '$lib/paraglide/messages';
import { refusalStatus } from '$lib/server/commands/refusals';

// From poll to board: the facilitator picks open answers and explanations and turns them into cards
// at a table (the author comes along only in a named meeting: the command decides that).

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = appDb();
	const access = await loadManageableMeeting(db, locals.actor, params.meetingId);
	if (!access.ok) error(refusalStatus(access.reason), errorMessage(access.reason));
	const questions = (await pollSnapshot(db, params.meetingId))?.questions ?? [];
	return {
		meeting: { id: access.meeting.id, title: access.meeting.title },
		groups: boardCandidates(questions, await listBallots(db, params.meetingId, { withNames: true })),
		tables: (await listMeetingTables(db, params.meetingId)).map((t) => ({ id: t.id, name: t.name })),
		themes: (await listThemes(db, params.meetingId)).map((t) => ({ id: t.id, name: t.name })),
		commandId: crypto.randomUUID()
	};
};

export const actions: Actions = {
	create: async ({ locals, params, request }) => {
		const form = await request.formData();
		const values = {
			chosen: form.getAll('item').map(String),
			tableId: String(form.get('tableId') ?? ''),
			themeId: String(form.get('themeId') ?? '')
		};
		const refuse = (status: number, message: string) => fail(status, { values, error: message });
		if (!locals.actor) return refuse(401, errorMessage('not-signed-in'));
		const db = appDb();
		const access = await loadManageableMeeting(db, locals.actor, params.meetingId);
		if (!access.ok) return refuse(refusalStatus(access.reason), errorMessage(access.reason));
		const table = (await listMeetingTables(db, params.meetingId)).find((t) => t.id === values.tableId);
		if (!table) return refuse(422, m.hist_p2b_table_required());
		if (values.chosen.length === 0) return refuse(422, errorMessage('items-required'));
		const items = parseCandidateKeys(values.chosen);
		if (!items) return refuse(422, errorMessage('invalid'));
		const input = { type: 'cards.from-poll', commandId: String(form.get('commandId') ?? ''), items, themeId: values.themeId || null };
		const done = formReply(replyOf(await runTableCommand(db, locals.actor, table.id, input, Date.now())));
		if (!done.ok) {
			const failure = done.failure;
			return refuse(failure.status, failure.data.error);
		}
		return { created: { tableId: table.id, tableName: table.name, texts: (done.body.result as { texts: string[] }).texts } };
	}
};
