import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { REPORT_FORMATS, type ReportFormat } from '$lib/server/db/schema';
import { CONTENT_TYPES, exportReport } from '$lib/server/reports/export-report';
import { attachment } from '$lib/server/csv/write-csv';
import { problem } from '$lib/server/http/problem';
import { errorMessage } from '$lib/i18n/errors';
import { reportLabels } from '$lib/i18n/report-labels';
import { getLocale } from '$lib/paraglide/runtime';

const STATUS = { 'not-found': 404, 'not-allowed': 403 } as const;

/** The meeting report as PDF, DOCX or Markdown, made now from the live data and kept in the history. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.actor) return problem(401, 'not-signed-in', errorMessage('not-signed-in'));
	if (!(REPORT_FORMATS as readonly string[]).includes(params.format)) {
		return problem(404, 'not-found', errorMessage('not-found'));
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
	if (!made.ok) return problem(STATUS[made.reason], made.reason, errorMessage(made.reason));
	return new Response(made.bytes as BodyInit, {
		headers: {
			'content-type': CONTENT_TYPES[params.format as ReportFormat],
			'content-disposition': attachment(made.fileName),
			'cache-control': 'no-store'
		}
	});
};
