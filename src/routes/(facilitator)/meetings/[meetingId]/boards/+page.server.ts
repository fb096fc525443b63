import { mapInOrder } from '../../../../../lib/server/in-order.ts';
import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { loadManageableMeeting } from '$lib/server/meetings/manage-access';
import { listMeetingTables } from '$lib/server/meetings/queries';
import { cardTallies, loadBoardView } from '$lib/server/boards/board-view';
import { errorMessage } from '$lib/i18n/errors';
import { refusalStatus } from '$lib/server/commands/refusals';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = appDb();
	const access = await loadManageableMeeting(db, locals.actor, params.meetingId);
	if (!access.ok) error(refusalStatus(access.reason), errorMessage(access.reason));
	const tables = await listMeetingTables(db, params.meetingId);
	return {
		meeting: { id: access.meeting.id, title: access.meeting.title },
		boards: await mapInOrder(tables, async (t) => {
			const board = (await loadBoardView(db, t.id))!;
			// Facilitators see every tally, also while the tables do not.
			const tallies = await cardTallies(db, [t.id]);
			return { tableId: t.id, board: { ...board, cards: board.cards.map((c) => ({ ...c, votes: tallies.get(c.id) ?? 0 })) } };
		}),
		serverNow: Date.now()
	};
};
