import { mapInOrder } from '../../../../../lib/server/in-order.ts';
import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { checkPresentAccess } from '$lib/server/meetings/present-access';
import { getMeeting, listMeetingTables } from '$lib/server/meetings/queries';
import { loadBoardView } from '$lib/server/boards/board-view';
import { errorMessage } from '$lib/i18n/errors';
import { refusalStatus } from '$lib/server/commands/refusals';

// All boards side by side on the projector: read-only, what each table sees itself.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = appDb();
	const access = await checkPresentAccess(db, locals.actor, params.meetingId, url.searchParams.get('token'));
	if (!access.ok) error(refusalStatus(access.reason), errorMessage(access.reason));
	const meeting = (await getMeeting(db, params.meetingId))!;
	const tables = await listMeetingTables(db, params.meetingId);
	return {
		meeting: { id: meeting.id, title: meeting.title },
		projectorToken: access.projectorToken,
		tables: tables.map((t) => ({ id: t.id, name: t.name })),
		boards: await mapInOrder(tables, async (t) => ({ tableId: t.id, board: (await loadBoardView(db, t.id))! })),
		serverNow: Date.now()
	};
};
