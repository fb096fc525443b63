import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { loadManageableMeeting } from '$lib/server/meetings/manage-access';
import { listMeetingTables } from '$lib/server/meetings/queries';
import { loadPlenaryView } from '$lib/server/plenary/plenary-round';
import { errorMessage } from '$lib/i18n/errors';
import { refusalStatus } from '$lib/server/commands/refusals';

// The facilitator runs the plenary round here; its commands go to /api/meetings/<id>/plenary, which
// checks the facilitator again.
export const load: PageServerLoad = async ({ locals, params }) => {
	const db = appDb();
	const access = await loadManageableMeeting(db, locals.actor, params.meetingId);
	if (!access.ok) error(refusalStatus(access.reason), errorMessage(access.reason));
	return {
		meeting: { id: access.meeting.id, title: access.meeting.title, status: access.meeting.status },
		tableCount: (await listMeetingTables(db, params.meetingId)).length,
		plenary: (await loadPlenaryView(db, params.meetingId))!
	};
};
