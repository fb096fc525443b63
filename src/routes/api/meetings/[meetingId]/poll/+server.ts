import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { loadMeetingFacts } from '$lib/server/access/facts';
import { canViewPoll } from '$lib/server/access/poll-policies';
import { pollSnapshot } from '$lib/server/polls/poll-queries';
import { problem } from '$lib/server/http/problem';
import { errorMessage } from '$lib/i18n/errors';
import { signedOut } from './respond';

/** The poll (state, questions, answer counts; no results) for anyone in the meeting. */
export const GET: RequestHandler = ({ locals, params }) => {
	if (!locals.actor) return signedOut();
	const facts = loadMeetingFacts(appDb(), params.meetingId);
	if (!facts) return problem(404, 'not-found', errorMessage('not-found'));
	if (!canViewPoll(locals.actor, facts))
		return problem(403, 'not-allowed', errorMessage('not-allowed'));
	return json(pollSnapshot(appDb(), params.meetingId));
};
