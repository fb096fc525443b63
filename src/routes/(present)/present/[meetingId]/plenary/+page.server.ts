import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { checkPresentAccess } from '$lib/server/meetings/present-access';
import { getMeeting, listMeetingTables } from '$lib/server/meetings/queries';
import { loadPlenaryView } from '$lib/server/plenary/plenary-round';
import { errorMessage } from '$lib/i18n/errors';
import { refusalStatus } from '$lib/server/commands/refusals';

// The plenary ranking on the projector, live from meeting:<id>.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = appDb();
	const access = await checkPresentAccess(db, locals.actor, params.meetingId, url.searchParams.get('token'));
	if (!access.ok) error(refusalStatus(access.reason), errorMessage(access.reason));
	const meeting = (await getMeeting(db, params.meetingId))!;
	return {
		meeting: { id: meeting.id, title: meeting.title },
		projectorToken: access.projectorToken,
		tables: (await listMeetingTables(db, params.meetingId)).map((t) => ({ id: t.id, name: t.name })),
		plenary: (await loadPlenaryView(db, params.meetingId))!
	};
};
