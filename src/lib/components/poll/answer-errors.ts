import { m } from '$lib/paraglide/messages';
import { errorMessage } from '$lib/i18n/errors';
import type { PollQuestionView } from '$lib/realtime/meeting-doc';

// The poll domain's answer codes as sentences. Used by the form action (server) and by save as
// you go (browser), so both say the same thing.
const MESSAGES: Record<string, (q: PollQuestionView | undefined) => string> = {
	'answer-required': () => m.pollui_err_required(),
	'answer-invalid': () => m.pollui_err_invalid(),
	'option-unknown': () => m.pollui_err_invalid(),
	'question-unknown': () => m.pollui_err_question_unknown(),
	'too-many-choices': (q) => m.pollui_err_too_many({ max: q?.maxChoices ?? 1 }),
	'ranking-incomplete': (q) => m.pollui_err_ranking({ count: q?.options.length ?? 0 }),
	'scale-out-of-range': (q) => m.pollui_err_scale({ min: q?.scaleMin ?? 1, max: q?.scaleMax ?? 5 }),
	'answer-too-long': () => m.pollui_err_too_long({ max: 2000 }),
	'explanation-too-long': () => m.pollui_err_explanation_too_long({ max: 2000 }),
	'explanation-not-allowed': () => m.pollui_err_invalid(),
	'poll-closed': () => m.pollui_closed_message()
};

export function answerMessage(code: string, question?: PollQuestionView): string {
	const message = MESSAGES[code];
	return message ? message(question) : errorMessage(code);
}
