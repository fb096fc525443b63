import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { loadManageableMeeting } from '$lib/server/meetings/manage-access';
import { listMeetingTables } from '$lib/server/meetings/queries';
import { loadFacilitationBoard } from '$lib/server/boards/facilitation-view';
import { errorMessage } from '$lib/i18n/errors';
import { refusalStatus } from '$lib/server/commands/refusals';

// The facilitator's dashboard of all tables: rendered from SQL, then live from facilitation:<id>.
// Its commands go to /api/meetings/<id>/board, which checks the facilitator again.
export const load: PageServerLoad = async ({ locals, params }) => {
	const db = appDb();
	const access = await loadManageableMeeting(db, locals.actor, params.meetingId);
	if (!access.ok) error(refusalStatus(access.reason), errorMessage(access.reason));
	const order = (await listMeetingTables(db, params.meetingId)).map((t) => t.id);
	const figures = (await loadFacilitationBoard(db, params.meetingId, null)).tableFigures;
	return {
		meeting: { id: access.meeting.id, title: access.meeting.title, status: access.meeting.status },
		tables: order.map((id) => figures.find((f) => f.tableId === id)!).filter(Boolean),
		serverNow: Date.now()
	};
};
