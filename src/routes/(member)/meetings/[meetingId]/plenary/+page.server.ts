import type { PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { loadMeetingFacts } from '$lib/server/access/facts';
import { canManageMeeting, isMeetingParticipant } from '$lib/server/access/policies';
import { loadParticipantView } from '$lib/server/boards/participant-view';
import { getMeeting } from '$lib/server/meetings/queries';
import { loadPlenaryView } from '$lib/server/plenary/plenary-round';
import { errorMessage } from '$lib/i18n/errors';

// Every participant of the meeting votes on the plenary board here (their votes go to
// /api/meetings/<id>/plenary, which checks again). Facilitators run the round on their own page.
export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, '/?reason=signed-out');
	const db = appDb();
	const facts = await loadMeetingFacts(db, params.meetingId);
	if (!facts) error(404, errorMessage('not-found'));
	if (canManageMeeting(actor, facts)) redirect(303, `/meetings/${params.meetingId}/plenary/manage`);
	if (!isMeetingParticipant(actor, params.meetingId) || actor.kind !== 'participant') error(403, errorMessage('not-allowed'));
	const own = await loadParticipantView(db, actor.participant.id);
	if (!own) error(404, errorMessage('not-found'));
	return {
		meeting: { id: params.meetingId, title: (await getMeeting(db, params.meetingId))?.title ?? '' },
		// Closed or archived: nothing is live for participants any more, the page shows the outcome.
		ended: facts.status === 'closed' || facts.status === 'archived',
		tableId: own.state.tableId,
		participantId: actor.participant.id,
		plenary: (await loadPlenaryView(db, params.meetingId))!,
		mine: {
			budget: own.state.plenaryBudget,
			used: own.state.plenaryUsed,
			dots: Object.fromEntries(own.myPlenaryVotes.map((v) => [v.id, v.dots]))
		}
	};
};
