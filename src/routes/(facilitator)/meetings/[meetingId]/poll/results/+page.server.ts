import type { Actions, PageServerLoad } from './$types';
import { error, fail } from '@sveltejs/kit';
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
import type { PollResult } from '$lib/server/polls/poll-command';
import { listRegionsForPicker } from '$lib/server/register/identity';
import { publishChange } from '$lib/server/realtime-seam';
import { errorMessage } from '$lib/i18n/errors';

type Control = (
	db: ReturnType<typeof appDb>,
	actor: Actor,
	meetingId: string,
	input: unknown,
	now: number
) => PollResult<unknown>;

const STATUS: Record<string, number> = {
	'not-found': 404,
	'not-allowed': 403,
	'meeting-not-active': 409,
	'command-id-taken': 409,
	'question-unknown': 404,
	invalid: 422
};

export const load: PageServerLoad = ({ locals, params }) => {
	const db = appDb();
	const facts = loadMeetingFacts(db, params.meetingId);
	if (!facts) error(404, errorMessage('not-found'));
	if (!canManagePoll(locals.actor, facts)) error(403, errorMessage('not-allowed'));
	const meeting = getMeeting(db, params.meetingId);
	const snapshot = pollSnapshot(db, params.meetingId);
	if (!meeting || !snapshot) error(404, errorMessage('not-found'));
	return {
		meeting: { id: meeting.id, title: meeting.title, status: meeting.status },
		snapshot,
		ballots: listBallots(db, meeting.id, { withNames: true }),
		regions: listRegionsForPicker(db),
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
	if (!locals.actor) return fail(401, { error: errorMessage('not-signed-in') });
	const form = await request.formData();
	const input = { commandId: String(form.get('commandId') ?? ''), ...toInput(form) };
	const result = control(appDb(), locals.actor, params.meetingId, input, Date.now());
	if (!result.ok) return fail(STATUS[result.reason] ?? 400, { error: errorMessage(result.reason) });
	if (result.change) publishChange(result.change);
	return { done: true };
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
