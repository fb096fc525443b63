import type { ChoiceResult } from '../../realtime/poll-results.ts';

/** Each explanation of a choice question once, led by the options its author chose ("A, B: because…"). */
export function choiceExplanations(r: ChoiceResult): Array<{ text: string; name: string | null }> {
	return r.explanations.map((e) => ({ text: `${e.options.join(', ')}: ${e.text}`, name: e.name }));
}
