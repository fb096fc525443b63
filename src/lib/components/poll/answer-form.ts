import type { PollQuestionView } from '$lib/realtime/meeting-doc';

// Field names of the answer form, shared by the components that render it and the action that
// reads it. Without JavaScript a ranking is a number per option ("1 = most urgent").
export const answerField = (questionId: string) => `q.${questionId}`;
export const explanationField = (questionId: string) => `q.${questionId}.explanation`;
export const rankField = (questionId: string, optionId: string) =>
	`q.${questionId}.rank.${optionId}`;

export type AnswerValue = string[] | number | string | null;

export interface FormAnswer {
	value: AnswerValue;
	explanation: string;
	/** Ranking only: the numbers as typed, per option id, to echo them back. */
	ranks?: Record<string, string>;
	/** A problem found while reading the form (ranking numbers that are not 1..n). */
	code?: string;
}

/** Ranks typed per option → option ids in rank order; null when nothing was ranked. */
function readRanking(q: PollQuestionView, form: FormData): FormAnswer {
	const ranks: Record<string, string> = {};
	for (const o of q.options) ranks[o.id] = String(form.get(rankField(q.id, o.id)) ?? '').trim();
	const typed = Object.values(ranks).filter((r) => r !== '');
	const explanation = String(form.get(explanationField(q.id)) ?? '');
	if (typed.length === 0) return { value: null, explanation, ranks };
	const numbers = q.options.map((o) => Number(ranks[o.id]));
	const n = q.options.length;
	const permutation =
		numbers.every((r) => Number.isInteger(r) && r >= 1 && r <= n) && new Set(numbers).size === n;
	if (!permutation) return { value: null, explanation, ranks, code: 'ranking-incomplete' };
	const order = q.options
		.map((o, i) => ({ id: o.id, rank: numbers[i] }))
		.sort((a, b) => a.rank - b.rank)
		.map((o) => o.id);
	return { value: order, explanation, ranks };
}

/** Reads every question's answer from the posted form. */
export function readAnswerForm(
	questions: PollQuestionView[],
	form: FormData
): Record<string, FormAnswer> {
	const answers: Record<string, FormAnswer> = {};
	for (const q of questions) {
		if (q.type === 'ranking') {
			answers[q.id] = readRanking(q, form);
			continue;
		}
		const explanation = String(form.get(explanationField(q.id)) ?? '');
		const raw = form.getAll(answerField(q.id)).map(String);
		const value: AnswerValue =
			q.type === 'multiple'
				? raw
				: q.type === 'scale'
					? raw[0]
						? Number(raw[0])
						: null
					: (raw[0] ?? null);
		answers[q.id] = { value, explanation };
	}
	return answers;
}

/** A stored answer as the form holds it (a single choice is one id, not a list). */
export function storedToForm(
	q: PollQuestionView,
	stored: { value: string[] | number | string; explanation: string | null } | undefined
): FormAnswer | null {
	if (!stored) return null;
	const value =
		q.type === 'single' && Array.isArray(stored.value) ? (stored.value[0] ?? null) : stored.value;
	return { value, explanation: stored.explanation ?? '' };
}
