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
import { refuse } from '$lib/server/commands/refusals';
import { formCommand, formRefusal } from '$lib/server/http/form-door';
import { pollReplyOf } from '$lib/server/http/command-reply';
import { errorMessage } from '$lib/i18n/errors';
import { answerMessage } from '$lib/i18n/poll-errors';
import { readAnswerForm, type FormAnswer } from '$lib/components/poll/answer-form';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, '/?reason=signed-out');
	const db = appDb();
	const facts = await loadMeetingFacts(db, params.meetingId);
	if (!facts) error(404, errorMessage('not-found'));
	// Participants of this meeting answer; its facilitators may look (preview) but not answer.
	if (!canViewPoll(actor, facts)) error(403, errorMessage('not-allowed'));
	const meeting = await getMeeting(db, params.meetingId);
	const view = await publicPollView(db, params.meetingId);
	if (!meeting || !view) error(404, errorMessage('not-found'));
	return {
		meeting: { id: meeting.id, title: meeting.title },
		preview: canManagePoll(actor, facts),
		// Only what the meeting doc would carry too: revealed questions, no names.
		snapshot: view.snapshot,
		ballots: view.ballots,
		own: (await getOwnAnswers(db, actor, meeting.id)) ?? [],
		regions: await listRegionsForPicker(db),
		next: actor.kind === 'participant' ? await tableStep(db, actor.participant.id) : null,
		commandId: crypto.randomUUID()
	};
};

export const actions: Actions = {
	/** The whole form at once: the path without JavaScript. */
	submit: async ({ locals, params, request }) => {
		if (!locals.actor) return fail(401, { error: errorMessage('not-signed-in') });
		const db = appDb();
		const questions = (await pollSnapshot(db, params.meetingId))?.questions ?? [];
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
		return formCommand(
			locals.actor,
			async (actor, now) =>
				pollReplyOf(await submitAnswers(db, actor, params.meetingId, input, now, 'complete')),
			{
				refused: (refusal, text) => ({
					values,
					errors:
						refusal.reason === 'invalid'
							? Object.fromEntries(
									Object.entries(refusal.errors ?? {}).map(([id, code]) => [
										id,
										answerMessage(code, byId.get(id))
									])
								)
							: {},
					error: refusal.reason === 'invalid' ? null : text.message,
					closed: refusal.reason === 'poll-closed'
				}),
				done: () => ({ saved: true })
			}
		);
	},

	/** Save as you go (JavaScript): one question, posted by fetch; answers in codes and a sentence. */
	save: async ({ locals, params, request }) => {
		const form = await request.formData();
		const questionId = String(form.get('questionId') ?? '');
		let payload: unknown = null;
		try {
			payload = JSON.parse(String(form.get('payload') ?? 'null'));
		} catch {
			return formRefusal(refuse('invalid-json'), (_r, text) => ({ code: 'invalid-json', message: text.message }));
		}
		const db = appDb();
		// The same command, scope and per-person limit as PUT /api/…/poll/answers/<questionId>.
		return formCommand(
			locals.actor,
			async (actor, now) => pollReplyOf(await saveAnswer(db, actor, params.meetingId, questionId, payload, now)),
			{
				refused: async (refusal, text) => {
					if (refusal.reason !== 'invalid') return { code: refusal.reason, message: text.message };
					const code = Object.values(refusal.errors ?? {})[0] ?? 'answer-invalid';
					const question = (await pollSnapshot(db, params.meetingId))?.questions.find(
						(q) => q.id === questionId
					);
					return { code, message: answerMessage(code, question) };
				},
				done: () => ({ savedAt: Date.now() })
			}
		);
	}
};
