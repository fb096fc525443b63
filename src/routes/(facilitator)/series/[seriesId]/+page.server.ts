import type { Actions, PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { readFields } from '$lib/server/meetings/form-input';
import { listMeetingsFor } from '$lib/server/meetings/queries';
import {
	canManageSeries,
	getSeries,
	listSeriesFor,
	saveSeries,
	setSeriesArchived
} from '$lib/server/series/manage-series';
import { refusalStatus } from '$lib/server/commands/refusals';
import { formRefusal } from '$lib/server/http/form-door';
import { isAdmin } from '$lib/server/access/policies';
import { errorMessage } from '$lib/i18n/errors';

export const load: PageServerLoad = async ({ locals, params }) => {
	if (locals.actor?.kind !== 'user') error(401, errorMessage('not-signed-in'));
	const db = appDb();
	const series = await getSeries(db, params.seriesId);
	// Only series this person can see exist for them.
	if (!series || !(await listSeriesFor(db, locals.actor)).some((s) => s.id === series.id)) {
		error(404, errorMessage('not-found'));
	}
	return {
		series: {
			id: series.id,
			title: series.title,
			description: series.description ?? '',
			archived: series.archivedAt !== null
		},
		manageable: canManageSeries(locals.actor, series),
		// The series summary is the Platform's (admins') alone.
		canSummarise: isAdmin(locals.actor),
		meetings: (await listMeetingsFor(db, locals.actor.user))
			.filter((meeting) => meeting.seriesId === series.id)
			.map((meeting) => ({
				id: meeting.id,
				title: meeting.title,
				status: meeting.status,
				joinCode: meeting.joinCode
			}))
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const values = readFields(await request.formData(), ['title', 'description']);
		const result = await saveSeries(appDb(), locals.actor, params.seriesId, values);
		if (result.ok) return { saved: true };
		if (result.reason !== 'invalid') error(refusalStatus(result.reason), errorMessage(result.reason));
		return formRefusal(result, (_r, text) => ({ values, errors: text.errors }));
	},

	archive: async ({ locals, params, request }) => {
		const archived = readFields(await request.formData(), ['archived']).archived === '1';
		const result = await setSeriesArchived(appDb(), locals.actor, params.seriesId, archived, Date.now());
		if (!result.ok) error(refusalStatus(result.reason), errorMessage(result.reason));
		return { saved: true };
	}
};
