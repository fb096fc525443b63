import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { appDb } from '$lib/server/app';
import { config } from '$lib/server/config';
import { loadMeetingFacts } from '$lib/server/access/facts';
import { canManageMeeting } from '$lib/server/access/policies';
import { checkProjectorToken } from '$lib/server/meetings/projector-token';
import { getMeeting, listMeetingTables } from '$lib/server/meetings/queries';
import { publicPollView } from '$lib/server/polls/public-view';
import { listRegionsForPicker } from '$lib/server/register/identity';
import { errorMessage } from '$lib/i18n/errors';

// Read-only projector view: the meeting's facilitators (and admins), or whoever holds its projector
// link. There are no actions here, so this load is the only way in besides the route guard.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = appDb();
	const facts = await loadMeetingFacts(db, params.meetingId);
	if (!facts) error(404, errorMessage('not-found'));
	const viaToken = await checkProjectorToken(db, params.meetingId, url.searchParams.get('token'));
	if (!viaToken && !canManageMeeting(locals.actor, facts)) error(403, errorMessage('not-allowed'));
	const meeting = await getMeeting(db, params.meetingId);
	if (!meeting) error(404, errorMessage('not-found'));
	const base = config().publicUrl ?? url.origin;
	const joinUrl = `${base}/join/${meeting.joinCode}`;
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			status: meeting.status,
			joinCode: meeting.joinCode
		},
		joinUrl,
		// Shown without the scheme: shorter to read off a wall.
		joinUrlShown: joinUrl.replace(/^https?:\/\//, ''),
		qrSvg: await QRCode.toString(joinUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }),
		viaToken,
		// The projector reads the public meeting room; a token holder proves itself to the hub with it.
		projectorToken: viaToken ? url.searchParams.get('token') : null,
		poll: await publicPollView(db, meeting.id),
		tables: (await listMeetingTables(db, meeting.id)).map((t) => ({ id: t.id, name: t.name })),
		regions: await listRegionsForPicker(db)
	};
};
