import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { readFields } from '$lib/server/meetings/form-input';
import { canManageSeries, listSeriesFor, saveSeries } from '$lib/server/series/manage-series';
import { refusalStatus } from '$lib/server/commands/refusals';
import { formRefusal } from '$lib/server/http/form-door';
import { errorMessage } from '$lib/i18n/errors';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.actor?.kind !== 'user') error(401, errorMessage('not-signed-in'));
	const actor = locals.actor;
	const series = (await listSeriesFor(appDb(), actor)).map((s) => ({
		id: s.id,
		title: s.title,
		description: s.description,
		archived: s.archivedAt !== null,
		manageable: canManageSeries(actor, s)
	}));
	return { series };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const values = readFields(await request.formData(), ['title', 'description']);
		const result = await saveSeries(appDb(), locals.actor, null, values);
		if (!result.ok) {
			if (result.reason !== 'invalid') error(refusalStatus(result.reason), errorMessage(result.reason));
			return formRefusal(result, (_r, text) => ({ values, errors: text.errors }));
		}
		redirect(303, `/series/${result.seriesId}`);
	}
};
