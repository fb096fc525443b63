import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { checkPresentAccess } from '$lib/server/meetings/present-access';
import { getMeeting, listMeetingTables } from '$lib/server/meetings/queries';
import { loadPlenaryView } from '$lib/server/plenary/plenary-round';
import { errorMessage } from '$lib/i18n/errors';
import { refusalStatus } from '$lib/server/commands/refusals';

// The plenary ranking on the projector, live from meeting:<id>.
export const load: PageServerLoad = ({ locals, params, url }) => {
	const db = appDb();
	const access = checkPresentAccess(db, locals.actor, params.meetingId, url.searchParams.get('token'));
	if (!access.ok) error(refusalStatus(access.reason), errorMessage(access.reason));
	const meeting = getMeeting(db, params.meetingId)!;
	return {
		meeting: { id: meeting.id, title: meeting.title },
		projectorToken: access.projectorToken,
		tables: listMeetingTables(db, params.meetingId).map((t) => ({ id: t.id, name: t.name })),
		plenary: loadPlenaryView(db, params.meetingId)!
	};
};
