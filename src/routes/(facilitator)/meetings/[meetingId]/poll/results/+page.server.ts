import type { Actions, PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import type { Actor } from '$lib/server/auth/session';
import { loadMeetingFacts } from '$lib/server/access/facts';
import { canManagePoll } from '$lib/server/access/poll-policies';
import { getMeeting } from '$lib/server/meetings/queries';
import { listBallots, pollSnapshot } from '$lib/server/polls/poll-queries';
import {
	closePoll,
	reopenPoll,
	revealQuestion,
	setCurrentQuestion
} from '$lib/server/polls/poll-control';
import type { PollResult } from '$lib/server/polls/poll-scope';
import { listRegionsForPicker } from '$lib/server/register/identity';
import { formCommand } from '$lib/server/http/form-door';
import { pollReplyOf } from '$lib/server/http/command-reply';
import { errorMessage } from '$lib/i18n/errors';

type Control = (
	db: ReturnType<typeof appDb>,
	actor: Actor,
	meetingId: string,
	input: unknown,
	now: number
) => Promise<PollResult<unknown>>;


export const load: PageServerLoad = async ({ locals, params }) => {
	const db = appDb();
	const facts = await loadMeetingFacts(db, params.meetingId);
	if (!facts) error(404, errorMessage('not-found'));
	if (!canManagePoll(locals.actor, facts)) error(403, errorMessage('not-allowed'));
	const meeting = await getMeeting(db, params.meetingId);
	const snapshot = await pollSnapshot(db, params.meetingId);
	if (!meeting || !snapshot) error(404, errorMessage('not-found'));
	return {
		meeting: { id: meeting.id, title: meeting.title, status: meeting.status },
		snapshot,
		ballots: await listBallots(db, meeting.id, { withNames: true }),
		regions: await listRegionsForPicker(db),
		commandId: crypto.randomUUID()
	};
};

/** One form post → one poll control command, with the same guard as the JSON endpoints. */
async function run(
	control: Control,
	{
		locals,
		params,
		request
	}: { locals: App.Locals; params: { meetingId: string }; request: Request },
	toInput: (form: FormData) => Record<string, unknown>
) {
	const form = await request.formData();
	const input = { commandId: String(form.get('commandId') ?? ''), ...toInput(form) };
	return formCommand(
		locals.actor,
		async (actor, now) => pollReplyOf(await control(appDb(), actor, params.meetingId, input, now)),
		{ done: () => ({ done: true }) }
	);
}

const questionId = (form: FormData) => String(form.get('questionId') ?? '');

export const actions: Actions = {
	reveal: (event) =>
		run(revealQuestion, event, (f) => ({
			questionId: questionId(f),
			revealed: f.get('revealed') === 'true'
		})),
	current: (event) =>
		run(setCurrentQuestion, event, (f) => ({ questionId: questionId(f) || null })),
	close: (event) => run(closePoll, event, () => ({})),
	reopen: (event) => run(reopenPoll, event, () => ({}))
};
