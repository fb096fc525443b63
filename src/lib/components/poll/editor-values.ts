import type { PollQuestionType, PollQuestionView } from '$lib/realtime/meeting-doc';

/** The poll builder's form as typed (numbers stay text, so a bad one is echoed as typed). */
export interface EditorValues {
	type: PollQuestionType;
	key: string;
	prompt: string;
	help: string;
	required: boolean;
	allowExplanation: boolean;
	options: Array<{ id: string; label: string }>;
	maxChoices: string;
	scaleMax: string;
	scaleMinLabel: string;
	scaleMaxLabel: string;
}

/** A stored question, or a blank one of a type, as the editor's starting values. */
export function editorValues(
	q: PollQuestionView | null,
	type: PollQuestionType = 'single'
): EditorValues {
	return {
		type: q?.type ?? type,
		key: q?.key ?? '',
		prompt: q?.prompt ?? '',
		help: q?.help ?? '',
		required: q?.required ?? true,
		allowExplanation: q?.allowExplanation ?? false,
		options: q?.options.map((o) => ({ ...o })) ?? [],
		maxChoices: q?.maxChoices ? String(q.maxChoices) : '',
		scaleMax: String(q?.scaleMax ?? 5),
		scaleMinLabel: q?.scaleMinLabel ?? '',
		scaleMaxLabel: q?.scaleMaxLabel ?? ''
	};
}
