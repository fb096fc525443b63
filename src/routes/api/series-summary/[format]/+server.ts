import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { SERIES_EXPORT_FORMATS, type SeriesExportFormat } from '$lib/server/db/values';
import { SERIES_CONTENT_TYPES, exportSeriesSummary } from '$lib/server/reports/export-series';
import { selectionFromQuery } from '$lib/server/reports/series-selection';
import { attachment } from '$lib/server/csv/write-csv';
import { problem } from '$lib/server/http/problem';
import { refuse } from '$lib/server/commands/refusals';
import { refusalResponse } from '$lib/server/http/json-door';
import { errorMessage } from '$lib/i18n/errors';
import { seriesLabels } from '$lib/i18n/series-labels';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

/**
 * The series summary (`?series=<id>` or `?meetings=<id>,<id>`) as PDF, DOCX, Markdown, or its raw data
 * as CSV/XLSX; made now and kept in the history. Admins only.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.actor) return problem(401, 'not-signed-in', errorMessage('not-signed-in'));
	if (!(SERIES_EXPORT_FORMATS as readonly string[]).includes(params.format)) return problem(404, 'not-found', errorMessage('not-found'));
	const format = params.format as SeriesExportFormat;
	const locale = getLocale() === 'en' ? 'en-GB' : 'nl-NL';
	const made = await exportSeriesSummary(appDb(), locals.actor, selectionFromQuery(url.searchParams), format, { labels: seriesLabels(), locale }, Date.now());
	if (!made.ok) {
		if (made.reason === 'no-meetings') return problem(422, made.reason, m.i6s_no_meetings());
		return refusalResponse(refuse(made.reason));
	}
	return new Response(made.bytes as BodyInit, {
		headers: { 'content-type': SERIES_CONTENT_TYPES[format], 'content-disposition': attachment(made.fileName), 'cache-control': 'no-store' }
	});
};
