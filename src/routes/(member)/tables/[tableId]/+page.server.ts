import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import type { Actor } from '$lib/server/auth/session';
import { loadTableFacts } from '$lib/server/access/facts';
import { canManageMeeting, canViewTable } from '$lib/server/access/policies';
import { addCard } from '$lib/server/boards/add-card';
import { loadBoardView } from '$lib/server/boards/board-view';
import { loadFacilitationBoard } from '$lib/server/boards/facilitation-view';
import { loadParticipantView } from '$lib/server/boards/participant-view';
import { getMeeting, listMeetingTables } from '$lib/server/meetings/queries';
import { formCommand } from '$lib/server/http/form-door';
import { replyOf } from '$lib/server/http/command-reply';
import { LIMITS } from '$lib/realtime/limits';
import { errorMessage } from '$lib/i18n/errors';

/** How the hub's presence names this viewer (anonymous meetings: participants have no name). */
function presenceName(actor: Actor): string | null {
	if (actor.kind === 'user') return actor.user.name;
	return actor.participant.anonymousMeeting ? null : actor.participant.displayName;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, '/?reason=signed-out');
	const db = appDb();
	const facts = await loadTableFacts(db, params.tableId);
	if (!facts) error(404, errorMessage('not-found'));
	if (!canViewTable(actor, facts)) error(403, errorMessage('not-allowed'));
	const board = await loadBoardView(db, params.tableId);
	if (!board) error(404, errorMessage('not-found'));
	const canManage = canManageMeeting(actor, facts.meeting);
	const participantId = actor.kind === 'participant' ? actor.participant.id : null;
	return {
		table: { id: params.tableId, name: board.meta.tableName, topic: board.meta.topic },
		meeting: {
			id: facts.meeting.id,
			title: (await getMeeting(db, facts.meeting.id))?.title ?? '',
			anonymous: board.meta.anonymous
		},
		otherTables: canManage
			? (await listMeetingTables(db, facts.meeting.id)).map((t) => ({ id: t.id, name: t.name }))
			: [],
		canManage,
		closed: facts.meeting.status === 'closed' || facts.meeting.status === 'archived',
		board,
		me: participantId ? await loadParticipantView(db, participantId) : null,
		participantId,
		facilitation: canManage ? await loadFacilitationBoard(db, facts.meeting.id, [params.tableId]) : null,
		serverNow: Date.now(),
		selfName: presenceName(actor),
		commandId: crypto.randomUUID(),
		cardMax: LIMITS.cardTextMax
	};
};

export const actions: Actions = {
	/** Without JavaScript: the same command as the JSON endpoint, as a form post. */
	default: async ({ locals, params, request }) => {
		const form = await request.formData();
		const input = {
			commandId: String(form.get('commandId') ?? ''),
			text: String(form.get('text') ?? '')
		};
		return formCommand(
			locals.actor,
			async (actor, now) => replyOf(await addCard(appDb(), actor, params.tableId, input, now)),
			{
				refused: (_refusal, text) => ({ text: input.text, error: text.message }),
				done: () => ({ text: '', error: null, added: true })
			}
		);
	}
};
