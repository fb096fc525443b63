import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { REPORT_FORMATS, type ReportFormat } from '$lib/server/db/values';
import { CONTENT_TYPES, exportReport } from '$lib/server/reports/export-report';
import { attachment } from '$lib/server/csv/write-csv';
import { refuse } from '$lib/server/commands/refusals';
import { refusalResponse } from '$lib/server/http/json-door';
import { reportLabels } from '$lib/i18n/report-labels';
import { getLocale } from '$lib/paraglide/runtime';

/** The meeting report as PDF, DOCX or Markdown, made now from the live data and kept in the history. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.actor) return refusalResponse(refuse('not-signed-in'));
	if (!(REPORT_FORMATS as readonly string[]).includes(params.format)) {
		return refusalResponse(refuse('not-found'));
	}
	const locale = getLocale() === 'en' ? 'en-GB' : 'nl-NL';
	const made = await exportReport(
		appDb(),
		locals.actor,
		params.meetingId,
		params.format as ReportFormat,
		{ labels: reportLabels(), locale },
		Date.now()
	);
	if (!made.ok) return refusalResponse(made);
	return new Response(made.bytes as BodyInit, {
		headers: {
			'content-type': CONTENT_TYPES[params.format as ReportFormat],
			'content-disposition': attachment(made.fileName),
			'cache-control': 'no-store'
		}
	});
};
