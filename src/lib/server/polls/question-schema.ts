import * as v from 'valibot';
import type { PollOption, PollQuestionView } from '../../realtime/meeting-doc.ts';
import { newId } from '../ids.ts';

// What the poll builder may define, per question type. Messages are stable codes (see i18n/errors.ts).
export const POLL_LIMITS = {
	promptMax: 500,
	helpMax: 1000,
	optionsMin: 2,
	optionsMax: 20,
	optionLabelMax: 200,
	scaleLabelMax: 100,
	answerTextMax: 2000,
	explanationMax: 2000
} as const;

/** A question's definition: everything but its identity, place and reveal state. */
export type QuestionDefinition = Omit<PollQuestionView, 'id' | 'position' | 'revealed'>;

const optionalText = (max: number, code: string) =>
	v.optional(v.nullable(v.pipe(v.string(code), v.trim(), v.maxLength(max, code))), null);

const Option = v.object({
	id: v.optional(
		v.pipe(v.string('option-id-invalid'), v.regex(/^[a-z0-9-]{1,40}$/, 'option-id-invalid'))
	),
	label: v.pipe(
		v.string('option-label-required'),
		v.trim(),
		v.nonEmpty('option-label-required'),
		v.maxLength(POLL_LIMITS.optionLabelMax, 'option-label-too-long')
	)
});

const unique = (values: string[]) => new Set(values).size === values.length;

const Options = v.pipe(
	v.array(Option, 'options-too-few'),
	v.minLength(POLL_LIMITS.optionsMin, 'options-too-few'),
	v.maxLength(POLL_LIMITS.optionsMax, 'options-too-many'),
	v.check((os) => unique(os.map((o) => o.label.toLowerCase())), 'option-labels-duplicate'),
	v.check((os) => unique(os.flatMap((o) => (o.id ? [o.id] : []))), 'option-ids-duplicate')
);

const base = {
	key: v.pipe(v.string('key-invalid'), v.regex(/^[a-z0-9-]{2,60}$/, 'key-invalid')),
	prompt: v.pipe(
		v.string('prompt-required'),
		v.trim(),
		v.nonEmpty('prompt-required'),
		v.maxLength(POLL_LIMITS.promptMax, 'prompt-too-long')
	),
	help: optionalText(POLL_LIMITS.helpMax, 'help-too-long'),
	required: v.optional(v.boolean('answer-invalid'), true)
};
const explanation = { allowExplanation: v.optional(v.boolean('answer-invalid'), false) };

export const QuestionDefinitionSchema = v.variant(
	'type',
	[
		v.object({ ...base, ...explanation, type: v.literal('single'), options: Options }),
		v.pipe(
			v.object({
				...base,
				...explanation,
				type: v.literal('multiple'),
				options: Options,
				maxChoices: v.optional(
					v.nullable(
						v.pipe(
							v.number('max-choices-invalid'),
							v.integer('max-choices-invalid'),
							v.minValue(1, 'max-choices-invalid')
						)
					),
					null
				)
			}),
			v.forward(
				v.check(
					(q) => q.maxChoices === null || q.maxChoices <= q.options.length,
					'max-choices-invalid'
				),
				['maxChoices']
			)
		),
		v.object({ ...base, ...explanation, type: v.literal('ranking'), options: Options }),
		v.object({
			...base,
			...explanation,
			type: v.literal('scale'),
			scaleMin: v.optional(v.literal(1, 'scale-invalid'), 1),
			scaleMax: v.picklist([5, 10], 'scale-invalid'),
			scaleMinLabel: optionalText(POLL_LIMITS.scaleLabelMax, 'scale-label-too-long'),
			scaleMaxLabel: optionalText(POLL_LIMITS.scaleLabelMax, 'scale-label-too-long')
		}),
		v.object({ ...base, type: v.literal('text') })
	],
	'type-invalid'
);

/** Field codes from valibot issues: the first issue per top-level field. */
export function issueCodes(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of issues) {
		const key = String(issue.path?.[0]?.key ?? 'form');
		errors[key] ??= issue.message;
	}
	return errors;
}

/** A short id for a new option: stable once given, unique within its question. */
function newOptionId(): string {
	return `o-${newId().slice(0, 8)}`;
}

export type DefinitionResult =
	{ ok: true; definition: QuestionDefinition } | { ok: false; errors: Record<string, string> };

/** Parses a builder's question and normalises it: every type has every field, new options get ids. */
export function parseQuestionDefinition(input: unknown): DefinitionResult {
	const parsed = v.safeParse(QuestionDefinitionSchema, input);
	if (!parsed.success) return { ok: false, errors: issueCodes(parsed.issues) };
	const q = parsed.output;
	const options: PollOption[] =
		'options' in q ? q.options.map((o) => ({ id: o.id ?? newOptionId(), label: o.label })) : [];
	return {
		ok: true,
		definition: {
			key: q.key,
			type: q.type,
			prompt: q.prompt,
			help: q.help || null,
			required: q.required,
			options,
			maxChoices: q.type === 'multiple' ? q.maxChoices : null,
			scaleMin: q.type === 'scale' ? q.scaleMin : null,
			scaleMax: q.type === 'scale' ? q.scaleMax : null,
			scaleMinLabel: q.type === 'scale' ? q.scaleMinLabel || null : null,
			scaleMaxLabel: q.type === 'scale' ? q.scaleMaxLabel || null : null,
			allowExplanation: q.type === 'text' ? false : q.allowExplanation
		}
	};
}

/**
 * True when only the wording differs (prompt, help, option labels or their order, scale labels):
 * such edits are free even after answers arrived. Anything else changes what answers mean.
 */
export function onlyWordingChanged(before: QuestionDefinition, after: QuestionDefinition): boolean {
	const ids = (q: QuestionDefinition) =>
		q.options
			.map((o) => o.id)
			.sort()
			.join('\u0000');
	return (
		before.type === after.type &&
		before.key === after.key &&
		before.required === after.required &&
		before.allowExplanation === after.allowExplanation &&
		before.maxChoices === after.maxChoices &&
		before.scaleMin === after.scaleMin &&
		before.scaleMax === after.scaleMax &&
		ids(before) === ids(after)
	);
}
