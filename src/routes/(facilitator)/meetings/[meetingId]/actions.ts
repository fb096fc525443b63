import type { Actions } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { appDb } from '$lib/server/app';
import { config } from '$lib/server/config';
import { changeMeetingStatus } from '$lib/server/meetings/change-status';
import { addCoFacilitator, removeCoFacilitator } from '$lib/server/meetings/co-facilitators';
import { duplicateMeeting } from '$lib/server/meetings/duplicate-meeting';
import { readDetailsForm, readFields, text } from '$lib/server/meetings/form-input';
import { loadManageableMeeting } from '$lib/server/meetings/manage-access';
import { moveTable, saveTable } from '$lib/server/meetings/manage-tables';
import { removeTable } from '$lib/server/meetings/remove-table';
import { moveTheme, saveTheme } from '$lib/server/meetings/manage-themes';
import { updateMeetingDetails } from '$lib/server/meetings/meeting-details';
import { issueProjectorToken } from '$lib/server/meetings/projector-token';
import { errorMessage } from '$lib/i18n/errors';
import { isRefusalReason, refuse, refusalStatus, type Refusal } from '$lib/server/commands/refusals';
import { formRefusal } from '$lib/server/http/form-door';
import { runMeetingBoardCommand } from '$lib/server/boards/meeting-board-commands';

type Outcome = { ok: true } | Refusal;

/**
 * Turns a domain outcome into the form's answer. Missing or forbidden ends the request (the error
 * page); anything else echoes the values with a message beside the form that was sent (`form`, `id`).
 * Statuses come from the one refusal table, as for every other door.
 */
function answer(result: Outcome, form: string, values: unknown, id: string | null = null) {
	if (result.ok) return { form, id, ok: true as const };
	return refusal(result, form, values, id);
}

function refusal(result: Refusal, form: string, values: unknown, id: string | null) {
	if (result.reason === 'not-found' || result.reason === 'not-allowed') {
		error(refusalStatus(result.reason), errorMessage(result.reason));
	}
	return formRefusal(result, (r, text) => ({
		form,
		id,
		values,
		errors: text.errors,
		message: r.reason === 'invalid' ? null : text.message
	}));
}

/** The address a co-facilitator is added by: its own codes are field errors of `email`. */
function emailOutcome(result: { ok: true } | { ok: false; reason: string }): Outcome {
	if (result.ok) return result;
	return isRefusalReason(result.reason) ? refuse(result.reason) : refuse('invalid', { email: result.reason });
}

const direction = (form: FormData) => (text(form, 'direction') === 'up' ? 'up' : 'down');

/** A meeting-wide board command from a form, through the same frame as its endpoint. */
async function boardCommand(actor: App.Locals['actor'], meetingId: string, form: string, input: Record<string, unknown>, values: unknown) {
	if (!actor) error(401, errorMessage('not-signed-in'));
	const result = await runMeetingBoardCommand(appDb(), actor, meetingId, input, Date.now());
	if (!result.ok) return refusal(result, form, values, null);
	return { form, id: null, ok: true as const, result: result.result };
}

const checked = (form: FormData, name: string) => form.get(name) === 'on';

export const meetingActions: Actions = {
	details: async ({ locals, params, request }) => {
		const values = readDetailsForm(await request.formData());
		return answer(
			await updateMeetingDetails(appDb(), locals.actor, params.meetingId, values, Date.now()),
			'details',
			values
		);
	},

	status: async ({ locals, params, request }) => {
		const values = readFields(await request.formData(), ['commandId', 'action']);
		return answer(await changeMeetingStatus(appDb(), locals.actor, params.meetingId, values, Date.now()), 'status', values);
	},

	duplicate: async ({ locals, params }) => {
		const db = appDb();
		const access = await loadManageableMeeting(db, locals.actor, params.meetingId);
		const title = access.ok ? m.manage_copy_title({ title: access.meeting.title }) : '';
		const result = await duplicateMeeting(db, locals.actor, params.meetingId, title, Date.now());
		if (!result.ok) return answer(result, 'duplicate', {});
		redirect(303, `/meetings/${result.meetingId}`);
	},

	addFacilitator: async ({ locals, params, request }) => {
		const values = readFields(await request.formData(), ['email']);
		const result = await addCoFacilitator(
			appDb(),
			locals.actor,
			params.meetingId,
			values.email,
			Date.now()
		);
		return answer(
			emailOutcome(result),
			'facilitators',
			values
		);
	},

	removeFacilitator: async ({ locals, params, request }) => {
		const userId = text(await request.formData(), 'userId');
		return answer(
			emailOutcome(await removeCoFacilitator(appDb(), locals.actor, params.meetingId, userId, Date.now())),
			'facilitators',
			{}
		);
	},

	projector: async ({ locals, params, url }) => {
		const result = await issueProjectorToken(appDb(), locals.actor, params.meetingId, Date.now());
		if (!result.ok) return answer(result, 'projector', {});
		// Shown once: only the token's hash is stored.
		return {
			form: 'projector',
			id: null,
			ok: true as const,
			projectorUrl: `${config().publicUrl ?? url.origin}/present/${params.meetingId}?token=${result.token}`
		};
	},

	saveTable: async ({ locals, params, request }) => {
		const form = await request.formData();
		const values = readFields(form, ['name', 'topic', 'description', 'maxSize']);
		const tableId = text(form, 'tableId') || null;
		return answer(
			await saveTable(appDb(), locals.actor, params.meetingId, tableId, values, Date.now()),
			'table',
			values,
			tableId ?? 'new'
		);
	},

	moveTable: async ({ locals, params, request }) => {
		const form = await request.formData();
		return answer(
			await moveTable(appDb(), locals.actor, params.meetingId, text(form, 'tableId'), direction(form), Date.now()),
			'tables',
			{}
		);
	},

	removeTable: async ({ locals, params, request }) => {
		const form = await request.formData();
		return answer(
			await removeTable(appDb(), locals.actor, params.meetingId, text(form, 'tableId'), Date.now()),
			'tables',
			{}
		);
	},

	saveTheme: async ({ locals, params, request }) => {
		const form = await request.formData();
		const values = readFields(form, ['name', 'color', 'description', 'words']);
		const themeId = text(form, 'themeId') || null;
		return answer(
			await saveTheme(appDb(), locals.actor, params.meetingId, themeId, values, Date.now()),
			'theme',
			values,
			themeId ?? 'new'
		);
	},

	moveTheme: async ({ locals, params, request }) => {
		const form = await request.formData();
		return answer(
			await moveTheme(appDb(), locals.actor, params.meetingId, text(form, 'themeId'), direction(form), Date.now()),
			'themes',
			{}
		);
	},

	boardSettings: async ({ locals, params, request }) => {
		const form = await request.formData();
		const values = readFields(form, ['voteBudget', 'votePerCardMax', 'commandId']);
		const perCard = values.votePerCardMax.trim();
		return boardCommand(locals.actor, params.meetingId, 'boardSettings', {
			type: 'board.settings',
			commandId: values.commandId,
			voteBudget: Number(values.voteBudget),
			votePerCardMax: perCard === '' ? null : Number(perCard),
			talliesLive: checked(form, 'talliesLive'),
			lateCards: checked(form, 'lateCards'),
			participantsChooseTable: checked(form, 'participantsChooseTable')
		}, values);
	},

	boardPhase: async ({ locals, params, request }) => {
		const form = await request.formData();
		const values = readFields(form, ['phase', 'minutes', 'commandId']);
		const tableIds = form.getAll('tableIds').map(String);
		const minutes = values.minutes.trim();
		return boardCommand(locals.actor, params.meetingId, 'boardPhase', {
			type: 'phase.set-tables',
			commandId: values.commandId,
			phase: values.phase,
			seconds: minutes === '' ? null : Math.round(Number(minutes) * 60),
			...(tableIds.length ? { tableIds } : {})
		}, values);
	},

	assignTables: async ({ locals, params, request }) => {
		const values = readFields(await request.formData(), ['mode', 'commandId']);
		return boardCommand(locals.actor, params.meetingId, 'assignTables', { type: 'tables.assign', ...values }, values);
	},

	messageTables: async ({ locals, params, request }) => {
		const values = readFields(await request.formData(), ['text', 'tableId', 'commandId']);
		return boardCommand(locals.actor, params.meetingId, 'messageTables', {
			type: 'tables.message',
			commandId: values.commandId,
			text: values.text,
			...(values.tableId ? { tableIds: [values.tableId] } : {})
		}, values);
	}
};
