import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { refuse } from '$lib/server/commands/refusals';
import { deleteMeetingPersonalData } from '$lib/server/privacy/delete-meeting-personal-data';
import { refusalResponse } from '$lib/server/http/json-door';

/**
 * Deletes the meeting's personal data (answers kept anonymously), through the command frame: after
 * the commit, loaded board rooms get the scrubbed cards (so an unloading room stores no name), and every
 * live connection of the meeting is closed: participants are signed out, facilitators reconnect.
 */
export const DELETE: RequestHandler = async ({ locals, params }) => {
	if (!locals.actor) return refusalResponse(refuse('not-signed-in'));
	const deleted = await deleteMeetingPersonalData(appDb(), locals.actor, params.meetingId, Date.now());
	if (!deleted.ok) return refusalResponse(deleted);
	return json({ deleted: deleted.report });
};
