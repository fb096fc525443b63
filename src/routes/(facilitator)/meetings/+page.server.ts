import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { appDb } from '$lib/server/app';
import { canCreateMeeting } from '$lib/server/access/policies';
import { createMeetingCommand } from '$lib/server/meetings/create-meeting';
import { refuse, refusalStatus } from '$lib/server/commands/refusals';
import { formRefusal } from '$lib/server/http/form-door';
import { parseMeetingDetails } from '$lib/server/meetings/meeting-details';
import { formatAmsterdam } from '$lib/server/meetings/amsterdam-time';
import { readDetailsForm, text } from '$lib/server/meetings/form-input';
import { listMeetingsFor } from '$lib/server/meetings/queries';
import { getSeriesTitles, listSeriesFor } from '$lib/server/series/manage-series';
import { createMeetingFromTemplate } from '$lib/server/templates/create-from-template';
import { LIMITS } from '$lib/realtime/limits';
import { errorMessage } from '$lib/i18n/errors';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.actor?.kind !== 'user') error(401, errorMessage('not-signed-in'));
	const db = appDb();
	const list = await listMeetingsFor(db, locals.actor.user);
	const titles = await getSeriesTitles(db, [
		...new Set(list.map((m) => m.seriesId).filter((id) => id !== null))
	]);
	const meetings = list.map((meeting) => ({
		id: meeting.id,
		title: meeting.title,
		status: meeting.status,
		joinCode: meeting.joinCode,
		startsAt: meeting.startsAt === null ? null : formatAmsterdam(meeting.startsAt, getLocale()),
		series: meeting.seriesId ? (titles.get(meeting.seriesId) ?? null) : null
	}));
	const series = (await listSeriesFor(db, locals.actor))
		.filter((s) => s.archivedAt === null)
		.map((s) => ({ id: s.id, title: s.title }));
	return { meetings, series };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		if (locals.actor?.kind !== 'user' || !canCreateMeeting(locals.actor)) {
			error(403, errorMessage('not-allowed'));
		}
		const form = await request.formData();
		const values = { ...readDetailsForm(form), tableName: text(form, 'tableName') };
		const db = appDb();
		const parsed = await parseMeetingDetails(db, values);
		const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
		const tableName = values.tableName.trim();
		if (!tableName) errors.tableName = 'table-required';
		else if (tableName.length > LIMITS.tableNameMax) errors.tableName = 'table-too-long';
		if (!parsed.ok || Object.keys(errors).length) {
			return formRefusal(refuse('invalid', errors), (_r, t) => ({ form: 'create', values, errors: t.errors }));
		}
		const made = await createMeetingCommand(db, locals.actor, { ...parsed.details, tableName }, Date.now());
		if (!made.ok) error(refusalStatus(made.reason), errorMessage(made.reason));
		redirect(303, `/meetings/${made.result.meetingId}`);
	},

	fromTemplate: async ({ locals, request }) => {
		if (locals.actor?.kind !== 'user' || !canCreateMeeting(locals.actor)) {
			error(403, errorMessage('not-allowed'));
		}
		const values = readDetailsForm(await request.formData());
		const db = appDb();
		const parsed = await parseMeetingDetails(db, values);
		if (!parsed.ok)
			return formRefusal(refuse('invalid', parsed.errors), (_r, t) => ({ form: 'template', values, errors: t.errors }));
		const result = await createMeetingFromTemplate(db, locals.actor, parsed.details, Date.now());
		if (!result.ok) error(refusalStatus(result.reason), errorMessage(result.reason));
		redirect(303, `/meetings/${result.meetingId}`);
	}
};
