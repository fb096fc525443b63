import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { managedMeeting } from '$lib/server/exports/guard';
import { buildResponsesTable } from '$lib/server/exports/responses-table';
import { fileSlug } from '$lib/server/exports/write-xlsx';
import { attachment, writeCsv } from '$lib/server/csv/write-csv';
import { problem } from '$lib/server/http/problem';
import { errorMessage } from '$lib/i18n/errors';
import { m } from '$lib/paraglide/messages';
import { exportLabels } from '../labels';

/** Raw responses as CSV (`;`, UTF-8 with BOM, formula-safe), for the meeting's facilitators. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = appDb();
	const found = await managedMeeting(db, locals.actor, params.meetingId);
	if (!found.ok) return problem(found.status, found.reason, errorMessage(found.reason));
	const table = await buildResponsesTable(db, found.meeting, exportLabels());
	return new Response(writeCsv(table.header, table.rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': attachment(
				`${m.export_file_prefix()}-${fileSlug(found.meeting.title)}.csv`
			),
			'cache-control': 'no-store'
		}
	});
};
