import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { managedMeeting } from '$lib/server/exports/guard';
import { deletePersonalData } from '$lib/server/privacy/delete-personal-data';
import { announceDeletion } from '$lib/server/privacy/announce-deletion';
import { problem } from '$lib/server/http/problem';
import { errorMessage } from '$lib/i18n/errors';

/**
 * Deletes the meeting's personal data (answers kept anonymously). After the commit, loaded board
 * rooms get the scrubbed cards (so an unloading room stores no name), and every live connection of the
 * meeting is closed: participants are signed out, facilitators reconnect to a rebuilt board.
 */
export const DELETE: RequestHandler = ({ locals, params }) => {
	const db = appDb();
	const found = managedMeeting(db, locals.actor, params.meetingId);
	if (!found.ok) return problem(found.status, found.reason, errorMessage(found.reason));
	const result = deletePersonalData(db, found.meeting.id, Date.now());
	if (!result.ok) return problem(404, 'not-found', errorMessage('not-found'));
	announceDeletion(found.meeting.id, result);
	const { changes: _changes, ok: _ok, ...report } = result;
	return json({ deleted: report });
};
