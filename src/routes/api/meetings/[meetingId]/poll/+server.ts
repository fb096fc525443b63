import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { loadMeetingFacts } from '$lib/server/access/facts';
import { canViewPoll } from '$lib/server/access/poll-policies';
import { pollSnapshot } from '$lib/server/polls/poll-queries';
import { refuse } from '$lib/server/commands/refusals';
import { refusalResponse } from '$lib/server/http/json-door';

/** The poll (state, questions, answer counts; no results) for anyone in the meeting. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.actor) return refusalResponse(refuse('not-signed-in'));
	const facts = await loadMeetingFacts(appDb(), params.meetingId);
	if (!facts) return refusalResponse(refuse('not-found'));
	if (!canViewPoll(locals.actor, facts)) return refusalResponse(refuse('not-allowed'));
	return json(await pollSnapshot(appDb(), params.meetingId));
};
