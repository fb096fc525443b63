import type { Actions, PageServerLoad } from './$types';
import { error, fail, redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import type { Actor } from '$lib/server/auth/session';
import { loadTableFacts } from '$lib/server/access/facts';
import { canManageMeeting, canViewTable } from '$lib/server/access/policies';
import { addCard } from '$lib/server/boards/add-card';
import { listBoardCards } from '$lib/server/boards/board-cards';
import { getMeeting, getTable } from '$lib/server/meetings/queries';
import { publishChange } from '$lib/server/realtime-seam';
import { LIMITS } from '$lib/realtime/limits';
import { errorMessage, fieldMessages } from '$lib/i18n/errors';

const STATUS = {
	'not-found': 404,
	'not-allowed': 403,
	'meeting-not-active': 409,
	'table-full': 409,
	'command-id-taken': 409
} as const;

/** How the hub's presence names this viewer (anonymous meetings: participants have no name). */
function presenceName(actor: Actor): string | null {
	if (actor.kind === 'user') return actor.user.name;
	return actor.participant.anonymousMeeting ? null : actor.participant.displayName;
}

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, '/?reason=signed-out');
	const db = appDb();
	const facts = loadTableFacts(db, params.tableId);
	if (!facts) error(404, errorMessage('not-found'));
	if (!canViewTable(actor, facts)) error(403, errorMessage('not-allowed'));
	const table = getTable(db, params.tableId);
	const meeting = getMeeting(db, facts.meeting.id);
	if (!table || !meeting) error(404, errorMessage('not-found'));
	return {
		table: { id: table.id, name: table.name },
		meeting: { id: meeting.id, title: meeting.title, anonymous: meeting.anonymous },
		canManage: canManageMeeting(actor, facts.meeting),
		cards: listBoardCards(db, table.id),
		selfName: presenceName(actor),
		commandId: crypto.randomUUID(),
		cardMax: LIMITS.cardTextMax
	};
};

export const actions: Actions = {
	/** Without JavaScript: the same command as the JSON endpoint, as a form post. */
	default: async ({ locals, params, request }) => {
		if (!locals.actor) return fail(401, { text: '', error: errorMessage('not-signed-in') });
		const form = await request.formData();
		const input = {
			commandId: String(form.get('commandId') ?? ''),
			text: String(form.get('text') ?? '')
		};
		const result = addCard(appDb(), locals.actor, params.tableId, input, Date.now());
		if (!result.ok) {
			const message =
				result.reason === 'invalid'
					? Object.values(fieldMessages(result.errors))[0]
					: errorMessage(result.reason);
			return fail(result.reason === 'invalid' ? 422 : STATUS[result.reason], {
				text: input.text,
				error: message
			});
		}
		if (result.change) publishChange(result.change);
		return { text: '', error: null, added: true };
	}
};
