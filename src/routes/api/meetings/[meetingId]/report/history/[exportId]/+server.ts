import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { CONTENT_TYPES, getReportExport } from '$lib/server/reports/export-report';
import { attachment } from '$lib/server/csv/write-csv';
import { refuse } from '$lib/server/commands/refusals';
import { refusalResponse } from '$lib/server/http/json-door';

/** A report file as it was made earlier (the report history). */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.actor) return refusalResponse(refuse('not-signed-in'));
	const found = await getReportExport(appDb(), locals.actor, params.meetingId, params.exportId);
	if (!found.ok) return refusalResponse(refuse(found.reason));
	return new Response(found.bytes as BodyInit, {
		headers: {
			'content-type': CONTENT_TYPES[found.format],
			'content-disposition': attachment(found.fileName),
			'cache-control': 'no-store'
		}
	});
};
