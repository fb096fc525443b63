import type { PollQuestionType } from '$lib/realtime/meeting-doc';
import type { EditorValues } from '$lib/components/poll/editor-values';

// Reads the builder's form into the domain's question input. Options come as parallel lists
// (`optionId`, `optionLabel`); a blank label removes the option, so removing works without
// JavaScript too.

export const QUESTION_TYPES: readonly PollQuestionType[] = [
	'single',
	'multiple',
	'ranking',
	'scale',
	'text'
];

export type BuilderValues = EditorValues;

/** A key from the prompt when none is given: lowercase words joined by hyphens. */
export function keyFromPrompt(prompt: string): string {
	const slug = prompt
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40)
		.replace(/-+$/, '');
	return slug.length >= 2 ? slug : `vraag-${Date.now().toString(36)}`;
}

export function readBuilderForm(form: FormData): BuilderValues {
	const text = (name: string) => String(form.get(name) ?? '');
	const type = text('type') as PollQuestionType;
	const ids = form.getAll('optionId').map(String);
	const labels = form.getAll('optionLabel').map(String);
	return {
		type: QUESTION_TYPES.includes(type) ? type : 'single',
		key: text('key').trim(),
		prompt: text('prompt'),
		help: text('help'),
		required: form.has('required'),
		allowExplanation: form.has('allowExplanation'),
		options: labels.map((label, i) => ({ id: ids[i] ?? '', label })),
		maxChoices: text('maxChoices').trim(),
		scaleMax: text('scaleMax') || '5',
		scaleMinLabel: text('scaleMinLabel'),
		scaleMaxLabel: text('scaleMaxLabel')
	};
}

/** The domain's input: only the fields the type has; blank options dropped. */
export function toQuestionInput(values: BuilderValues, commandId: string, confirm: boolean) {
	const options = values.options
		.filter((o) => o.label.trim() !== '')
		.map((o) => (o.id ? { id: o.id, label: o.label } : { label: o.label }));
	const base = {
		commandId,
		confirm,
		type: values.type,
		key: values.key || keyFromPrompt(values.prompt),
		prompt: values.prompt,
		help: values.help.trim() || null,
		required: values.required
	};
	switch (values.type) {
		case 'single':
		case 'ranking':
			return { ...base, allowExplanation: values.allowExplanation, options };
		case 'multiple':
			return {
				...base,
				allowExplanation: values.allowExplanation,
				options,
				maxChoices: values.maxChoices === '' ? null : Number(values.maxChoices)
			};
		case 'scale':
			return {
				...base,
				allowExplanation: values.allowExplanation,
				scaleMin: 1,
				scaleMax: Number(values.scaleMax),
				scaleMinLabel: values.scaleMinLabel.trim() || null,
				scaleMaxLabel: values.scaleMaxLabel.trim() || null
			};
		case 'text':
			return base;
	}
}
