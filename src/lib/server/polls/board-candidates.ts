import type { Ballot, PollQuestionView } from '../../realtime/meeting-doc.ts';

// What a facilitator can turn into cards: open answers and explanations, grouped by question in poll
// order. Pure, so the picker's contents are tested without a page.

export interface BoardCandidate {
	/** `${responseId}:${part}`: the value of the picker's checkbox. */
	key: string;
	responseId: string;
	part: 'answer' | 'explanation';
	text: string;
	/** Named meetings only (the ballots carry no name otherwise). */
	authorName: string | null;
}

export interface CandidateGroup {
	questionId: string;
	prompt: string;
	part: 'answer' | 'explanation';
	items: BoardCandidate[];
}

export function boardCandidates(questions: readonly PollQuestionView[], ballots: readonly Ballot[]): CandidateGroup[] {
	const groups: CandidateGroup[] = [];
	for (const q of questions) {
		const mine = ballots.filter((b) => b.questionId === q.id);
		const pick = (part: 'answer' | 'explanation', textOf: (b: Ballot) => unknown) => {
			const items = mine.flatMap((b) => {
				const text = textOf(b);
				if (typeof text !== 'string' || text.trim() === '') return [];
				return [{ key: `${b.id}:${part}`, responseId: b.id, part, text: text.trim(), authorName: b.name }];
			});
			if (items.length) groups.push({ questionId: q.id, prompt: q.prompt, part, items });
		};
		if (q.type === 'text') pick('answer', (b) => b.value);
		pick('explanation', (b) => b.explanation);
	}
	return groups;
}

/** The picker's checked values back into the command's items; null when one is malformed. */
export function parseCandidateKeys(values: readonly string[]): { responseId: string; part: 'answer' | 'explanation' }[] | null {
	const items = [];
	for (const value of values) {
		const match = /^([a-z2-7]{10,40}):(answer|explanation)$/.exec(value);
		if (!match) return null;
		items.push({ responseId: match[1], part: match[2] as 'answer' | 'explanation' });
	}
	return items;
}
