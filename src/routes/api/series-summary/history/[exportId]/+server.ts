import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { SERIES_CONTENT_TYPES, getSeriesExport } from '$lib/server/reports/export-series';
import { attachment } from '$lib/server/csv/write-csv';
import { refuse } from '$lib/server/commands/refusals';
import { refusalResponse } from '$lib/server/http/json-door';

/** A series summary file as it was made earlier (the history). Admins only. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.actor) return refusalResponse(refuse('not-signed-in'));
	const found = await getSeriesExport(appDb(), locals.actor, params.exportId);
	if (!found.ok) return refusalResponse(refuse(found.reason));
	return new Response(found.bytes as BodyInit, {
		headers: { 'content-type': SERIES_CONTENT_TYPES[found.format], 'content-disposition': attachment(found.fileName), 'cache-control': 'no-store' }
	});
};
