import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { config } from '$lib/server/config';
import { managedMeeting } from '$lib/server/exports/guard';
import { listInvitations } from '$lib/server/invitations/list-invitations';
import { inviteFromCsv } from '$lib/server/invitations/invitation-commands';
import { refusalStatus } from '$lib/server/commands/refusals';
import { refusalResponse } from '$lib/server/http/json-door';
import { personalLink } from '$lib/server/invitations/tokens';
import { CSV_LIMITS } from '$lib/server/csv/parse-csv';
import { problem } from '$lib/server/http/problem';
import { errorMessage } from '$lib/i18n/errors';

/** The meeting's invitations with who has answered (named meetings only); never a link. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = appDb();
	const found = await managedMeeting(db, locals.actor, params.meetingId);
	if (!found.ok) return problem(found.status, found.reason, errorMessage(found.reason));
	return json({ invitations: await listInvitations(db, found.meeting.id, found.meeting.anonymous) });
};

/** Upload an invite list (the CSV as the body, text/csv): per-row errors and, once, the new links. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const db = appDb();
	const found = await managedMeeting(db, locals.actor, params.meetingId);
	if (!found.ok) return problem(found.status, found.reason, errorMessage(found.reason));
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > CSV_LIMITS.bytesMax)
		return problem(413, 'csv-too-large', errorMessage('csv-too-large'));
	const outcome = await inviteFromCsv(db, locals.actor, found.meeting.id, await request.text(), Date.now());
	if (!outcome.ok && 'csv' in outcome) {
		// A file that is no invite list: invalid input (422, as the page answers), with its own code.
		return problem(
			refusalStatus('invalid'),
			outcome.reason,
			errorMessage(outcome.reason),
			'missing' in outcome ? { missing: outcome.missing } : {}
		);
	}
	if (!outcome.ok) return refusalResponse(outcome);
	const result = outcome.result;
	const base = config().publicUrl ?? url.origin;
	return json(
		{
			created: result.created.map(({ token, ...rest }) => ({
				...rest,
				link: personalLink(base, token)
			})),
			errors: result.errors.map((e) => ({ ...e, message: errorMessage(e.code) })),
			notes: result.notes.map((e) => ({ ...e, message: errorMessage(e.code) }))
		},
		{ status: 201 }
	);
};
