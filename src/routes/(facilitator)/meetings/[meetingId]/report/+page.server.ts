import type { Actions, PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { loadMeetingFacts } from '$lib/server/access/facts';
import { canManageMeeting } from '$lib/server/access/policies';
import { buildMeetingReport } from '$lib/server/reports/report-model';
import { listReportExports, saveReportTexts } from '$lib/server/reports/export-report';
import { listRegionsForPicker } from '$lib/server/register/identity';
import { errorMessage } from '$lib/i18n/errors';
import { formRefusal } from '$lib/server/http/form-door';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = appDb();
	const facts = await loadMeetingFacts(db, params.meetingId);
	if (!facts) error(404, errorMessage('not-found'));
	if (!canManageMeeting(locals.actor, facts)) error(403, errorMessage('not-allowed'));
	const report = await buildMeetingReport(db, params.meetingId);
	const history = await listReportExports(db, locals.actor, params.meetingId);
	if (!report || typeof history === 'string') error(404, errorMessage('not-found'));
	return {
		report,
		history,
		regionNames: Object.fromEntries((await listRegionsForPicker(db)).map((r) => [r.id, r.name]))
	};
};

export const actions: Actions = {
	/** The facilitator's conclusions and next steps (Markdown). */
	texts: async ({ locals, params, request }) => {
		const form = await request.formData();
		const input = { conclusions: String(form.get('conclusions') ?? ''), nextSteps: String(form.get('nextSteps') ?? '') };
		const result = await saveReportTexts(appDb(), locals.actor, params.meetingId, input, Date.now());
		if (!result.ok) return formRefusal(result, (_r, text) => ({ ...input, error: text.message }));
		return { ...input, saved: true };
	}
};
