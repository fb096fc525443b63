import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { config } from '$lib/server/config';
import { loadMeetingFacts } from '$lib/server/access/facts';
import { canManageMeeting } from '$lib/server/access/policies';
import { countParticipants, getMeeting, listMeetingTables } from '$lib/server/meetings/queries';
import { errorMessage } from '$lib/i18n/errors';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const db = appDb();
	const facts = loadMeetingFacts(db, params.meetingId);
	if (!facts) error(404, errorMessage('not-found'));
	if (!canManageMeeting(locals.actor, facts)) error(403, errorMessage('not-allowed'));
	const meeting = getMeeting(db, params.meetingId);
	if (!meeting) error(404, errorMessage('not-found'));
	// Join links use the public address when configured, else the one this page was reached on.
	const base = config().publicUrl ?? url.origin;
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			status: meeting.status,
			joinCode: meeting.joinCode
		},
		joinUrl: `${base}/join/${meeting.joinCode}`,
		tables: listMeetingTables(db, meeting.id).map((table) => ({
			id: table.id,
			name: table.name,
			participants: countParticipants(db, meeting.id, table.id)
		}))
	};
};
