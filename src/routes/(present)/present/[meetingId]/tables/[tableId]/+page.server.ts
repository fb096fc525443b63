import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { checkPresentAccess } from '$lib/server/meetings/present-access';
import { getMeeting, getTable, listMeetingTables } from '$lib/server/meetings/queries';
import { loadBoardView } from '$lib/server/boards/board-view';
import { errorMessage } from '$lib/i18n/errors';
import { refusalStatus } from '$lib/server/commands/refusals';

// One table's board on the projector: read-only, what the table sees itself.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = appDb();
	const access = await checkPresentAccess(db, locals.actor, params.meetingId, url.searchParams.get('token'));
	if (!access.ok) error(refusalStatus(access.reason), errorMessage(access.reason));
	const table = await getTable(db, params.tableId);
	// A table of another meeting is not found here: the token opens this meeting only.
	if (!table || table.meetingId !== params.meetingId) error(404, errorMessage('not-found'));
	const meeting = (await getMeeting(db, params.meetingId))!;
	return {
		meeting: { id: meeting.id, title: meeting.title },
		projectorToken: access.projectorToken,
		tables: (await listMeetingTables(db, params.meetingId)).map((t) => ({ id: t.id, name: t.name })),
		tableId: table.id,
		board: (await loadBoardView(db, table.id))!,
		serverNow: Date.now()
	};
};
