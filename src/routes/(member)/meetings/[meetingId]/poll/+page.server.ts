import type { Actions, PageServerLoad } from './$types';
import { error, fail, redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { loadMeetingFacts } from '$lib/server/access/facts';
import { canManagePoll, canViewPoll } from '$lib/server/access/poll-policies';
import { getMeeting } from '$lib/server/meetings/queries';
import { tableStep } from '$lib/server/meetings/next-step';
import { pollSnapshot } from '$lib/server/polls/poll-queries';
import { publicPollView } from '$lib/server/polls/public-view';
import { getOwnAnswers, saveAnswer, submitAnswers } from '$lib/server/polls/submit-answers';
import { listRegionsForPicker } from '$lib/server/register/identity';
import { publishChange } from '$lib/server/realtime-seam';
import { errorMessage } from '$lib/i18n/errors';
import { answerMessage } from '$lib/i18n/poll-errors';
import { readAnswerForm, type FormAnswer } from '$lib/components/poll/answer-form';

const STATUS = {
	'not-found': 404,
	'not-allowed': 403,
	'poll-closed': 409,
	'meeting-not-active': 409,
	'command-id-taken': 409,
	'question-unknown': 422,
	'key-taken': 409,
	'needs-confirmation': 409,
	invalid: 422
} as const;

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, '/?reason=signed-out');
	const db = appDb();
	const facts = loadMeetingFacts(db, params.meetingId);
	if (!facts) error(404, errorMessage('not-found'));
	// Participants of this meeting answer; its facilitators may look (preview) but not answer.
	if (!canViewPoll(actor, facts)) error(403, errorMessage('not-allowed'));
	const meeting = getMeeting(db, params.meetingId);
	const view = publicPollView(db, params.meetingId);
	if (!meeting || !view) error(404, errorMessage('not-found'));
	return {
		meeting: { id: meeting.id, title: meeting.title },
		preview: canManagePoll(actor, facts),
		// Only what the meeting doc would carry too: revealed questions, no names.
		snapshot: view.snapshot,
		ballots: view.ballots,
		own: getOwnAnswers(db, actor, meeting.id) ?? [],
		regions: listRegionsForPicker(db),
		next: actor.kind === 'participant' ? tableStep(db, actor.participant.id) : null,
		commandId: crypto.randomUUID()
	};
};

export const actions: Actions = {
	/** The whole form at once: the path without JavaScript. */
	submit: async ({ locals, params, request }) => {
		if (!locals.actor) return fail(401, { error: errorMessage('not-signed-in') });
		const db = appDb();
		const questions = pollSnapshot(db, params.meetingId)?.questions ?? [];
		const form = await request.formData();
		const values = readAnswerForm(questions, form);
		const local = Object.entries(values).filter(([, a]) => a.code);
		const byId = new Map(questions.map((q) => [q.id, q]));
		if (local.length > 0) {
			const errors = Object.fromEntries(
				local.map(([id, a]) => [id, answerMessage(a.code!, byId.get(id))])
			);
			return fail(422, { values, errors, error: null, closed: false });
		}
		const answers = Object.entries(values).map(([questionId, a]: [string, FormAnswer]) => ({
			questionId,
			value: a.value,
			explanation: a.explanation
		}));
		const input = { commandId: String(form.get('commandId') ?? ''), answers };
		const result = submitAnswers(db, locals.actor, params.meetingId, input, Date.now(), 'complete');
		if (!result.ok) {
			const errors =
				result.reason === 'invalid'
					? Object.fromEntries(
							Object.entries(result.errors).map(([id, code]) => [
								id,
								answerMessage(code, byId.get(id))
							])
						)
					: {};
			const message = result.reason === 'invalid' ? null : answerMessage(result.reason);
			return fail(STATUS[result.reason], {
				values,
				errors,
				error: message,
				closed: result.reason === 'poll-closed'
			});
		}
		if (result.change) publishChange(result.change);
		return { saved: true };
	},

	/** Save as you go (JavaScript): one question, posted by fetch; answers in codes and a sentence. */
	save: async ({ locals, params, request }) => {
		if (!locals.actor)
			return fail(401, { code: 'not-signed-in', message: errorMessage('not-signed-in') });
		const form = await request.formData();
		const questionId = String(form.get('questionId') ?? '');
		let payload: unknown = null;
		try {
			payload = JSON.parse(String(form.get('payload') ?? 'null'));
		} catch {
			return fail(400, { code: 'invalid-json', message: errorMessage('invalid-json') });
		}
		const db = appDb();
		const result = saveAnswer(db, locals.actor, params.meetingId, questionId, payload, Date.now());
		if (!result.ok) {
			const code =
				result.reason === 'invalid'
					? (Object.values(result.errors)[0] ?? 'answer-invalid')
					: result.reason;
			const question = pollSnapshot(db, params.meetingId)?.questions.find(
				(q) => q.id === questionId
			);
			return fail(STATUS[result.reason], { code, message: answerMessage(code, question) });
		}
		if (result.change) publishChange(result.change);
		return { savedAt: Date.now() };
	}
};
