import type { RequestHandler } from './$types';
import { appDb } from '$lib/server/app';
import { config } from '$lib/server/config';
import { managedMeeting } from '$lib/server/exports/guard';
import { rotateInvitationLinks } from '$lib/server/invitations/rotate-links';
import { invitationLinksCsv } from '$lib/server/invitations/links-csv';
import { attachment } from '$lib/server/csv/write-csv';
import { problem } from '$lib/server/http/problem';
import { errorMessage } from '$lib/i18n/errors';
import { m } from '$lib/paraglide/messages';

/**
 * Renews every personal link of the meeting and returns the mail-merge CSV. A POST, never a GET: the
 * stored hashes cannot give the old links back, so each download makes new ones (the old stop working).
 */
export const POST: RequestHandler = async ({ locals, params, url }) => {
	const db = appDb();
	const found = await managedMeeting(db, locals.actor, params.meetingId);
	if (!found.ok) return problem(found.status, found.reason, errorMessage(found.reason));
	const rows = await rotateInvitationLinks(db, found.meeting.id);
	const csv = invitationLinksCsv(rows, config().publicUrl ?? url.origin, {
		name: m.invite_csv_name(),
		email: m.invite_csv_email(),
		partnership: m.invite_csv_partnership(),
		link: m.invite_csv_link()
	});
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': attachment(`uitnodigingen-${found.meeting.id}.csv`),
			'cache-control': 'no-store'
		}
	});
};
