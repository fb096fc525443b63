import type { Ballot } from '../../realtime/meeting-doc.ts';
import { POLL_LIMITS, type QuestionDefinition } from './question-schema.ts';

// One answer checked against its question. Codes are field-level: the caller keys them by question id.
export type AnswerCode =
	| 'answer-required'
	| 'answer-invalid'
	| 'option-unknown'
	| 'too-many-choices'
	| 'ranking-incomplete'
	| 'scale-out-of-range'
	| 'answer-too-long'
	| 'explanation-too-long'
	| 'explanation-not-allowed';

export type ValueResult =
	{ ok: true; value: Ballot['value'] | null } | { ok: false; code: AnswerCode };

type Question = Pick<
	QuestionDefinition,
	'type' | 'options' | 'maxChoices' | 'scaleMin' | 'scaleMax'
>;

const isEmpty = (value: unknown) =>
	value === undefined ||
	value === null ||
	value === '' ||
	(Array.isArray(value) && value.length === 0);

function optionIds(q: Question, value: unknown): string[] | AnswerCode {
	const list = typeof value === 'string' ? [value] : value;
	if (!Array.isArray(list) || !list.every((id) => typeof id === 'string')) return 'answer-invalid';
	if (new Set(list).size !== list.length) return 'answer-invalid';
	const known = new Set(q.options.map((o) => o.id));
	if (!list.every((id) => known.has(id))) return 'option-unknown';
	return list;
}

/** The value in its stored form, or null for "no answer". Does not judge `required`. */
export function validateValue(q: Question, value: unknown): ValueResult {
	if (isEmpty(value)) return { ok: true, value: null };
	switch (q.type) {
		case 'single':
		case 'multiple':
		case 'ranking': {
			const ids = optionIds(q, value);
			if (typeof ids === 'string') return { ok: false, code: ids };
			if (q.type === 'single' && ids.length > 1) return { ok: false, code: 'too-many-choices' };
			if (q.type === 'multiple' && q.maxChoices !== null && ids.length > q.maxChoices) {
				return { ok: false, code: 'too-many-choices' };
			}
			// A ranking is complete: every option exactly once (duplicates were refused above).
			if (q.type === 'ranking' && ids.length !== q.options.length) {
				return { ok: false, code: 'ranking-incomplete' };
			}
			return { ok: true, value: ids };
		}
		case 'scale': {
			// Forms send numbers as text.
			const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
			if (typeof n !== 'number' || !Number.isInteger(n))
				return { ok: false, code: 'answer-invalid' };
			if (n < (q.scaleMin ?? 1) || n > (q.scaleMax ?? 5))
				return { ok: false, code: 'scale-out-of-range' };
			return { ok: true, value: n };
		}
		case 'text': {
			if (typeof value !== 'string') return { ok: false, code: 'answer-invalid' };
			const text = value.trim();
			if (text === '') return { ok: true, value: null };
			if (text.length > POLL_LIMITS.answerTextMax) return { ok: false, code: 'answer-too-long' };
			return { ok: true, value: text };
		}
	}
}

export type AnswerResult =
	| { ok: true; value: Ballot['value'] | null; explanation: string | null }
	| { ok: false; code: AnswerCode };

/** Value and explanation together; `value: null` means the participant clears their answer. */
export function validateAnswer(
	q: QuestionDefinition,
	value: unknown,
	explanation: unknown
): AnswerResult {
	const checked = validateValue(q, value);
	if (!checked.ok) return checked;
	if (checked.value === null) {
		return q.required
			? { ok: false, code: 'answer-required' }
			: { ok: true, value: null, explanation: null };
	}
	if (explanation !== undefined && explanation !== null && typeof explanation !== 'string') {
		return { ok: false, code: 'answer-invalid' };
	}
	const text = explanation?.trim() || null;
	if (text !== null && !q.allowExplanation) return { ok: false, code: 'explanation-not-allowed' };
	if (text !== null && text.length > POLL_LIMITS.explanationMax) {
		return { ok: false, code: 'explanation-too-long' };
	}
	return { ok: true, value: checked.value, explanation: text };
}
