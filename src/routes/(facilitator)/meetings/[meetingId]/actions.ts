import type { Actions } from './$types';
import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { appDb } from '$lib/server/app';
import { config } from '$lib/server/config';
import { changeMeetingStatus } from '$lib/server/meetings/change-status';
import { publishChange } from '$lib/server/realtime-seam';
import { addCoFacilitator, removeCoFacilitator } from '$lib/server/meetings/co-facilitators';
import { duplicateMeeting } from '$lib/server/meetings/duplicate-meeting';
import { readDetailsForm, readFields, statusFor, text } from '$lib/server/meetings/form-input';
import { loadManageableMeeting } from '$lib/server/meetings/manage-access';
import { moveTable, saveTable } from '$lib/server/meetings/manage-tables';
import { moveTheme, saveTheme } from '$lib/server/meetings/manage-themes';
import { updateMeetingDetails } from '$lib/server/meetings/meeting-details';
import { issueProjectorToken } from '$lib/server/meetings/projector-token';
import { errorMessage, fieldMessages } from '$lib/i18n/errors';

type Outcome = { ok: true } | { ok: false; reason: string; errors?: Record<string, string> };

/**
 * Turns a domain outcome into the form's answer. Missing or forbidden ends the request (the error
 * page); anything else echoes the values with a message beside the form that was sent (`form`, `id`).
 */
function answer(result: Outcome, form: string, values: unknown, id: string | null = null) {
	if (result.ok) return { form, id, ok: true as const };
	if (result.reason === 'not-found' || result.reason === 'not-allowed') {
		error(statusFor(result.reason), errorMessage(result.reason));
	}
	return fail(statusFor(result.reason), {
		form,
		id,
		values,
		errors: result.errors ? fieldMessages(result.errors) : {},
		message: result.errors ? null : errorMessage(result.reason)
	});
}

const direction = (form: FormData) => (text(form, 'direction') === 'up' ? 'up' : 'down');

export const meetingActions: Actions = {
	details: async ({ locals, params, request }) => {
		const values = readDetailsForm(await request.formData());
		return answer(
			updateMeetingDetails(appDb(), locals.actor, params.meetingId, values, Date.now()),
			'details',
			values
		);
	},

	status: async ({ locals, params, request }) => {
		const values = readFields(await request.formData(), ['commandId', 'action']);
		const result = changeMeetingStatus(appDb(), locals.actor, params.meetingId, values, Date.now());
		if (result.ok && result.change) publishChange(result.change);
		return answer(result, 'status', values);
	},

	duplicate: async ({ locals, params }) => {
		const db = appDb();
		const access = loadManageableMeeting(db, locals.actor, params.meetingId);
		const title = access.ok ? m.manage_copy_title({ title: access.meeting.title }) : '';
		const result = duplicateMeeting(db, locals.actor, params.meetingId, title, Date.now());
		if (!result.ok) return answer(result, 'duplicate', {});
		redirect(303, `/meetings/${result.meetingId}`);
	},

	addFacilitator: async ({ locals, params, request }) => {
		const values = readFields(await request.formData(), ['email']);
		const result = addCoFacilitator(
			appDb(),
			locals.actor,
			params.meetingId,
			values.email,
			Date.now()
		);
		return answer(
			result.ok ? result : { ok: false, reason: result.reason, errors: { email: result.reason } },
			'facilitators',
			values
		);
	},

	removeFacilitator: async ({ locals, params, request }) => {
		const userId = text(await request.formData(), 'userId');
		return answer(
			removeCoFacilitator(appDb(), locals.actor, params.meetingId, userId, Date.now()),
			'facilitators',
			{}
		);
	},

	projector: async ({ locals, params, url }) => {
		const result = issueProjectorToken(appDb(), locals.actor, params.meetingId, Date.now());
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
			saveTable(appDb(), locals.actor, params.meetingId, tableId, values, Date.now()),
			'table',
			values,
			tableId ?? 'new'
		);
	},

	moveTable: async ({ locals, params, request }) => {
		const form = await request.formData();
		return answer(
			moveTable(
				appDb(),
				locals.actor,
				params.meetingId,
				text(form, 'tableId'),
				direction(form),
				Date.now()
			),
			'tables',
			{}
		);
	},

	saveTheme: async ({ locals, params, request }) => {
		const form = await request.formData();
		const values = readFields(form, ['name', 'color']);
		const themeId = text(form, 'themeId') || null;
		return answer(
			saveTheme(appDb(), locals.actor, params.meetingId, themeId, values, Date.now()),
			'theme',
			values,
			themeId ?? 'new'
		);
	},

	moveTheme: async ({ locals, params, request }) => {
		const form = await request.formData();
		return answer(
			moveTheme(
				appDb(),
				locals.actor,
				params.meetingId,
				text(form, 'themeId'),
				direction(form),
				Date.now()
			),
			'themes',
			{}
		);
	}
};
