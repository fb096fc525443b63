import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { managedMeeting } from '$lib/server/exports/guard';
import { buildResponsesTable } from '$lib/server/exports/responses-table';
import { fileSlug, writeXlsx } from '$lib/server/exports/write-xlsx';
import { attachment } from '$lib/server/csv/write-csv';
import { problem } from '$lib/server/http/problem';
import { errorMessage } from '$lib/i18n/errors';
import { m } from '$lib/paraglide/messages';
import { exportLabels } from '../labels';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Raw responses as an Excel workbook (formula-safe), for the meeting's facilitators. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = appDb();
	const found = await managedMeeting(db, locals.actor, params.meetingId);
	if (!found.ok) return problem(found.status, found.reason, errorMessage(found.reason));
	const table = await buildResponsesTable(db, found.meeting, exportLabels());
	const body = await writeXlsx(m.export_sheet_name(), table.header, table.rows);
	return new Response(body, {
		headers: {
			'content-type': XLSX,
			'content-disposition': attachment(
				`${m.export_file_prefix()}-${fileSlug(found.meeting.title)}.xlsx`
			),
			'cache-control': 'no-store'
		}
	});
};
