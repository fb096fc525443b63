import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { CONTENT_TYPES, getReportExport } from '$lib/server/reports/export-report';
import { attachment } from '$lib/server/csv/write-csv';
import { problem } from '$lib/server/http/problem';
import { errorMessage } from '$lib/i18n/errors';

const STATUS = { 'not-found': 404, 'not-allowed': 403 } as const;

/** A report file as it was made earlier (the report history). */
export const GET: RequestHandler = ({ locals, params }) => {
	if (!locals.actor) return problem(401, 'not-signed-in', errorMessage('not-signed-in'));
	const found = getReportExport(appDb(), locals.actor, params.meetingId, params.exportId);
	if (!found.ok) return problem(STATUS[found.reason], found.reason, errorMessage(found.reason));
	return new Response(found.bytes as BodyInit, {
		headers: {
			'content-type': CONTENT_TYPES[found.format],
			'content-disposition': attachment(found.fileName),
			'cache-control': 'no-store'
		}
	});
};
