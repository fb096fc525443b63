import { describe, expect, it } from 'vitest';
import {
	parseQuestionDefinition,
	onlyWordingChanged,
	type QuestionDefinition
} from '../../src/lib/server/polls/question-schema.ts';
import { validateAnswer } from '../../src/lib/server/polls/validate-answer.ts';

const opts = [
	{ id: 'a', label: 'Alpha' },
	{ id: 'b', label: 'Beta' },
	{ id: 'c', label: 'Gamma' }
];

function def(input: object): QuestionDefinition {
	const r = parseQuestionDefinition({ key: 'vraag-1', prompt: 'Wat?', ...input });
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.definition;
}
const errors = (input: object) => {
	const r = parseQuestionDefinition({ key: 'vraag-1', prompt: 'Wat?', ...input });
	return r.ok ? {} : r.errors;
};

describe('question definitions for the builder', () => {
	it('normalises each type and gives new options an id', () => {
		const d = def({ type: 'single', options: [{ label: ' Ja ' }, { id: 'nee', label: 'Nee' }] });
		expect(d).toMatchObject({
			type: 'single',
			required: true,
			allowExplanation: false,
			maxChoices: null,
			scaleMax: null
		});
		expect(d.options[0]).toMatchObject({ label: 'Ja', id: expect.stringMatching(/^o-/) });
		expect(def({ type: 'scale', scaleMax: 10, scaleMaxLabel: 'Zeer' })).toMatchObject({
			scaleMin: 1,
			scaleMax: 10,
			options: []
		});
		expect(def({ type: 'text', allowExplanation: true })).toMatchObject({
			allowExplanation: false
		});
	});

	it('refuses a missing or overlong prompt and a bad key', () => {
		expect(errors({ type: 'text', prompt: '  ' })).toEqual({ prompt: 'prompt-required' });
		expect(errors({ type: 'text', prompt: 'x'.repeat(501) })).toEqual({
			prompt: 'prompt-too-long'
		});
		expect(errors({ type: 'text', key: 'Met Spatie' })).toEqual({ key: 'key-invalid' });
		expect(errors({ type: 'poll' })).toEqual({ type: 'type-invalid' });
	});

	it('wants 2–20 options with unique, non-empty labels of at most 200 characters', () => {
		expect(errors({ type: 'single', options: [{ label: 'Een' }] })).toEqual({
			options: 'options-too-few'
		});
		expect(
			errors({
				type: 'ranking',
				options: Array.from({ length: 21 }, (_, i) => ({ label: `O${i}` }))
			})
		).toEqual({ options: 'options-too-many' });
		expect(errors({ type: 'multiple', options: [{ label: 'Ja' }, { label: 'ja' }] })).toEqual({
			options: 'option-labels-duplicate'
		});
		expect(errors({ type: 'single', options: [{ label: 'Ja' }, { label: '' }] })).toEqual({
			options: 'option-label-required'
		});
		expect(
			errors({ type: 'single', options: [{ label: 'Ja' }, { label: 'x'.repeat(201) }] })
		).toEqual({ options: 'option-label-too-long' });
	});

	it('keeps maxChoices between 1 and the number of options, and scales at 1–5 or 1–10', () => {
		expect(errors({ type: 'multiple', options: opts, maxChoices: 4 })).toEqual({
			maxChoices: 'max-choices-invalid'
		});
		expect(errors({ type: 'multiple', options: opts, maxChoices: 0 })).toEqual({
			maxChoices: 'max-choices-invalid'
		});
		expect(errors({ type: 'scale', scaleMax: 7 })).toEqual({ scaleMax: 'scale-invalid' });
		expect(errors({ type: 'scale', scaleMin: 0, scaleMax: 5 })).toEqual({
			scaleMin: 'scale-invalid'
		});
	});

	it('tells wording edits from edits that change what answers mean', () => {
		const before = def({ type: 'single', options: opts });
		const relabelled = {
			...before,
			prompt: 'Anders',
			options: [
				{ id: 'b', label: 'B!' },
				{ id: 'a', label: 'A' },
				{ id: 'c', label: 'C' }
			]
		};
		expect(onlyWordingChanged(before, relabelled)).toBe(true);
		expect(onlyWordingChanged(before, { ...before, options: opts.slice(0, 2) })).toBe(false);
		expect(onlyWordingChanged(before, { ...before, type: 'multiple' })).toBe(false);
	});
});

describe('answers, per question type', () => {
	const single = def({ type: 'single', options: opts, allowExplanation: true });
	const multiple = def({ type: 'multiple', options: opts, maxChoices: 2 });
	const ranking = def({ type: 'ranking', options: opts });
	const scale = def({ type: 'scale', scaleMax: 5 });
	const text = def({ type: 'text', required: false });

	it('single: one known option, stored as a list; an explanation where allowed', () => {
		expect(validateAnswer(single, 'a', ' Omdat ')).toEqual({
			ok: true,
			value: ['a'],
			explanation: 'Omdat'
		});
		expect(validateAnswer(single, ['a', 'b'], null)).toEqual({
			ok: false,
			code: 'too-many-choices'
		});
		expect(validateAnswer(single, 'z', null)).toEqual({ ok: false, code: 'option-unknown' });
		expect(validateAnswer(single, null, null)).toEqual({ ok: false, code: 'answer-required' });
		expect(validateAnswer(single, 'a', 'x'.repeat(2001))).toEqual({
			ok: false,
			code: 'explanation-too-long'
		});
	});

	it('multiple: at most maxChoices, no duplicates, no explanation unless offered', () => {
		expect(validateAnswer(multiple, ['a', 'c'], null)).toMatchObject({
			ok: true,
			value: ['a', 'c']
		});
		expect(validateAnswer(multiple, ['a', 'b', 'c'], null)).toEqual({
			ok: false,
			code: 'too-many-choices'
		});
		expect(validateAnswer(multiple, ['a', 'a'], null)).toEqual({
			ok: false,
			code: 'answer-invalid'
		});
		expect(validateAnswer(multiple, ['a'], 'Waarom')).toEqual({
			ok: false,
			code: 'explanation-not-allowed'
		});
	});

	it('ranking: every option exactly once', () => {
		expect(validateAnswer(ranking, ['c', 'a', 'b'], null)).toMatchObject({
			ok: true,
			value: ['c', 'a', 'b']
		});
		expect(validateAnswer(ranking, ['c', 'a'], null)).toEqual({
			ok: false,
			code: 'ranking-incomplete'
		});
		expect(validateAnswer(ranking, ['c', 'a', 'a'], null)).toEqual({
			ok: false,
			code: 'answer-invalid'
		});
	});

	it('scale: a whole number in range (forms may send it as text)', () => {
		expect(validateAnswer(scale, '4', null)).toMatchObject({ ok: true, value: 4 });
		expect(validateAnswer(scale, 6, null)).toEqual({ ok: false, code: 'scale-out-of-range' });
		expect(validateAnswer(scale, 2.5, null)).toEqual({ ok: false, code: 'answer-invalid' });
	});

	it('text: trimmed, at most 2,000 characters; an optional empty answer clears it', () => {
		expect(validateAnswer(text, '  Meer tijd ', undefined)).toMatchObject({
			ok: true,
			value: 'Meer tijd'
		});
		expect(validateAnswer(text, 'x'.repeat(2001), undefined)).toEqual({
			ok: false,
			code: 'answer-too-long'
		});
		expect(validateAnswer(text, '   ', undefined)).toEqual({
			ok: true,
			value: null,
			explanation: null
		});
	});
});
