import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { isAdmin } from '$lib/server/access/policies';
import { listMeetingsFor } from '$lib/server/meetings/queries';
import { listSeriesFor } from '$lib/server/series/manage-series';
import { listSeriesExports, previewSeriesSummary } from '$lib/server/reports/export-series';
import { selectionFromQuery, selectionQuery } from '$lib/server/reports/series-selection';
import { comparisonRespondents, comparisonTable, saidHeading } from '$lib/server/reports/series-comparison';
import { errorMessage } from '$lib/i18n/errors';
import { seriesLabels } from '$lib/i18n/series-labels';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!isAdmin(locals.actor) || locals.actor?.kind !== 'user') error(403, errorMessage('not-allowed'));
	const db = appDb();
	const history = await listSeriesExports(db, locals.actor);
	const input = selectionFromQuery(url.searchParams);
	const asked = url.searchParams.has('series') || url.searchParams.has('meetings');
	const labels = seriesLabels();
	let summary = null;
	let problem: string | null = null;
	if (asked) {
		const preview = await previewSeriesSummary(db, locals.actor, input, labels);
		if (preview.ok) summary = preview.summary;
		else if (preview.reason === 'no-meetings') problem = m.i6s_no_meetings();
		else error(preview.reason === 'not-allowed' ? 403 : 404, errorMessage(preview.reason));
	}
	return {
		series: (await listSeriesFor(db, locals.actor)).map((s) => ({ id: s.id, title: s.title })),
		meetings: (await listMeetingsFor(db, locals.actor.user)).map((mt) => ({ id: mt.id, title: mt.title, startsAt: mt.startsAt, status: mt.status })),
		chosen: { seriesId: input.seriesId ?? null, meetingIds: input.meetingIds ?? [] },
		query: summary ? selectionQuery(input) : null,
		summary,
		// The same side-by-side tables the downloads draw (series-comparison.ts).
		compared: (summary?.compared ?? []).map((q) => ({
			key: q.key,
			prompt: q.prompt,
			respondents: comparisonRespondents(q, labels),
			table: comparisonTable(q, labels),
			said: q.said,
			saidHeading: saidHeading(q, labels)
		})),
		problem,
		history: typeof history === 'string' ? [] : history
	};
};
