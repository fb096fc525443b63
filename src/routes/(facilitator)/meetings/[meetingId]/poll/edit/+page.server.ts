import type { Actions, PageServerLoad } from './$types';
import { error, fail, redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/app';
import { loadMeetingFacts } from '$lib/server/access/facts';
import { canManagePoll } from '$lib/server/access/poll-policies';
import { getMeeting } from '$lib/server/meetings/queries';
import { addQuestion } from '$lib/server/polls/add-question';
import { updateQuestion } from '$lib/server/polls/update-question';
import { removeQuestion } from '$lib/server/polls/remove-question';
import { reorderQuestion } from '$lib/server/polls/reorder-question';
import { pollSnapshot } from '$lib/server/polls/poll-queries';
import { formRefusal } from '$lib/server/http/form-door';
import { errorMessage } from '$lib/i18n/errors';
import { QUESTION_TYPES, readBuilderForm, toQuestionInput } from './builder-form';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = appDb();
	const facts = await loadMeetingFacts(db, params.meetingId);
	if (!facts) error(404, errorMessage('not-found'));
	if (!canManagePoll(locals.actor, facts)) error(403, errorMessage('not-allowed'));
	const meeting = await getMeeting(db, params.meetingId);
	const snapshot = await pollSnapshot(db, params.meetingId);
	if (!meeting || !snapshot) error(404, errorMessage('not-found'));
	const editId = url.searchParams.get('edit');
	const newType = url.searchParams.get('new');
	return {
		meeting: { id: meeting.id, title: meeting.title },
		questions: snapshot.questions,
		counts: snapshot.counts,
		editing: snapshot.questions.find((q) => q.id === editId) ?? null,
		newType: QUESTION_TYPES.find((t) => t === newType) ?? null,
		saved: url.searchParams.has('saved'),
		commandId: crypto.randomUUID()
	};
};

const back = (meetingId: string) => `/meetings/${meetingId}/poll/edit`;

export const actions: Actions = {
	/** Adds a question, or replaces one's definition (asking first when answers would change). */
	save: async ({ locals, params, request }) => {
		if (!locals.actor) return fail(401, { error: errorMessage('not-signed-in') });
		const form = await request.formData();
		const values = readBuilderForm(form);
		const questionId = String(form.get('questionId') ?? '');
		const input = toQuestionInput(
			values,
			String(form.get('commandId') ?? ''),
			form.get('confirm') === 'true'
		);
		const db = appDb();
		const result = questionId
			? await updateQuestion(db, locals.actor, params.meetingId, questionId, input, Date.now())
			: await addQuestion(db, locals.actor, params.meetingId, input, Date.now());
		if (!result.ok) {
			const base = {
				values,
				questionId,
				errors: {} as Record<string, string>,
				error: null as string | null,
				affected: null as number | null
			};
			return formRefusal(result, (r, text) => {
				if (r.reason === 'invalid') return { ...base, errors: text.errors };
				if (r.reason === 'needs-confirmation') return { ...base, affected: r.affectedResponses ?? 0 };
				return { ...base, error: text.message };
			});
		}
		redirect(303, `${back(params.meetingId)}?saved`);
	},

	/** Removes a question; one with answers asks first, saying how many go with it. */
	remove: async ({ locals, params, request }) => {
		if (!locals.actor) return fail(401, { error: errorMessage('not-signed-in') });
		const form = await request.formData();
		const questionId = String(form.get('questionId') ?? '');
		const input = {
			commandId: String(form.get('commandId') ?? ''),
			confirm: form.get('confirm') === 'true'
		};
		const result = await removeQuestion(
			appDb(),
			locals.actor,
			params.meetingId,
			questionId,
			input,
			Date.now()
		);
		if (!result.ok) {
			return formRefusal(result, (r, text) =>
				r.reason === 'needs-confirmation'
					? { removeId: questionId, affected: r.affectedResponses ?? 0, error: null }
					: { error: text.message }
			);
		}
		return { removed: true };
	},

	/** Moves a question one place (`direction`) or after another one (`afterId`, from a drag). */
	move: async ({ locals, params, request }) => {
		if (!locals.actor) return fail(401, { error: errorMessage('not-signed-in') });
		const form = await request.formData();
		const questionId = String(form.get('questionId') ?? '');
		const db = appDb();
		const order = ((await pollSnapshot(db, params.meetingId))?.questions ?? []).map((q) => q.id);
		const at = order.indexOf(questionId);
		const direction = form.get('direction');
		let afterId: string | null;
		if (direction === 'up') afterId = at >= 2 ? order[at - 2] : null;
		else if (direction === 'down') afterId = order[at + 1] ?? order[at - 1] ?? null;
		else afterId = String(form.get('afterId') ?? '') || null;
		if (
			at < 0 ||
			(direction === 'up' && at === 0) ||
			(direction === 'down' && at === order.length - 1)
		) {
			return { moved: false };
		}
		const input = { commandId: String(form.get('commandId') ?? ''), questionId, afterId };
		const result = await reorderQuestion(db, locals.actor, params.meetingId, input, Date.now());
		if (!result.ok) return formRefusal(result);
		return { moved: true };
	}
};
