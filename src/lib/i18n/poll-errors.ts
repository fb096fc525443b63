import { m } from '../paraglide/messages.js';
import { POLL_LIMITS } from '../server/polls/question-schema.ts';
import type { PollQuestionView } from '../realtime/meeting-doc.ts';

// The poll's codes (builder and answers) as sentences; errors.ts falls back to this table.
export const POLL_MESSAGES: Record<string, () => string> = {
	'poll-closed': () => m.error_poll_closed(),
	'question-unknown': () => m.error_poll_question_unknown(),
	'key-taken': () => m.error_poll_key_taken(),
	'key-invalid': () => m.error_poll_key_invalid(),
	'prompt-required': () => m.error_poll_prompt_required(),
	'prompt-too-long': () => m.error_poll_prompt_too_long({ max: POLL_LIMITS.promptMax }),
	'help-too-long': () => m.error_poll_help_too_long({ max: POLL_LIMITS.helpMax }),
	'option-id-invalid': () => m.error_poll_option_id_invalid(),
	'option-label-required': () => m.error_poll_option_label_required(),
	'option-label-too-long': () =>
		m.error_poll_option_label_too_long({ max: POLL_LIMITS.optionLabelMax }),
	'options-too-few': () => m.error_poll_options_too_few({ min: POLL_LIMITS.optionsMin }),
	'options-too-many': () => m.error_poll_options_too_many({ max: POLL_LIMITS.optionsMax }),
	'option-labels-duplicate': () => m.error_poll_option_labels_duplicate(),
	'option-ids-duplicate': () => m.error_poll_option_ids_duplicate(),
	'max-choices-invalid': () => m.error_poll_max_choices_invalid(),
	'scale-invalid': () => m.error_poll_scale_invalid(),
	'scale-label-too-long': () =>
		m.error_poll_scale_label_too_long({ max: POLL_LIMITS.scaleLabelMax }),
	'type-invalid': () => m.error_poll_type_invalid(),
	'answer-required': () => m.error_poll_required(),
	'answer-invalid': () => m.error_poll_answer_invalid(),
	'option-unknown': () => m.error_poll_option_unknown(),
	'too-many-choices': () => m.error_poll_too_many(),
	'ranking-incomplete': () => m.error_poll_ranking_incomplete(),
	'scale-out-of-range': () => m.error_poll_scale_range(),
	'answer-too-long': () => m.error_poll_text_too_long({ max: POLL_LIMITS.answerTextMax }),
	'explanation-too-long': () =>
		m.error_poll_explanation_too_long({ max: POLL_LIMITS.explanationMax }),
	'explanation-not-allowed': () => m.error_poll_explanation_not_allowed()
};

/** The confirmation question for an edit that deletes answers. */
export function confirmationMessage(count: number): string {
	return m.error_poll_needs_confirmation({ count });
}

// An answer's codes said about the question at hand ("at most 3 choices"): the answer page's form
// action and its save-as-you-go use these; without a question the general sentence above serves.
// They speak to the person answering ("your answer"), where the general ones describe the rule.
const ABOUT_QUESTION: Record<string, (q: PollQuestionView | undefined) => string> = {
	'answer-required': () => m.pollui_err_required(),
	'answer-invalid': () => m.pollui_err_invalid(),
	'option-unknown': () => m.pollui_err_invalid(),
	'explanation-not-allowed': () => m.pollui_err_invalid(),
	'question-unknown': () => m.pollui_err_question_unknown(),
	'too-many-choices': (q) => m.pollui_err_too_many({ max: q?.maxChoices ?? 1 }),
	'ranking-incomplete': (q) => m.pollui_err_ranking({ count: q?.options.length ?? 0 }),
	'scale-out-of-range': (q) => m.pollui_err_scale({ min: q?.scaleMin ?? 1, max: q?.scaleMax ?? 5 }),
	'answer-too-long': () => m.pollui_err_too_long({ max: POLL_LIMITS.answerTextMax }),
	'explanation-too-long': () => m.pollui_err_explanation_too_long({ max: POLL_LIMITS.explanationMax }),
	'poll-closed': () => m.pollui_closed_message()
};

export function answerMessage(code: string, question?: PollQuestionView): string {
	return (ABOUT_QUESTION[code] ?? POLL_MESSAGES[code] ?? (() => m.error_poll_answer_invalid()))(question);
}
