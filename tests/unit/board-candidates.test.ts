import { describe, expect, it } from 'vitest';
import { boardCandidates, parseCandidateKeys } from '../../src/lib/server/polls/board-candidates.ts';
import type { Ballot, PollQuestionView } from '../../src/lib/realtime/meeting-doc.ts';

const question = (id: string, type: PollQuestionView['type'], prompt: string) =>
	({ id, type, prompt, key: id, position: id, help: null, required: false, options: [], maxChoices: null, scaleMin: null, scaleMax: null, scaleMinLabel: null, scaleMaxLabel: null, allowExplanation: true }) as unknown as PollQuestionView;
const ballot = (id: string, questionId: string, value: Ballot['value'], explanation: string | null, name: string | null = null): Ballot => ({
	id,
	questionId,
	value,
	explanation,
	sector: null,
	regionId: null,
	name
});

describe('what the poll-to-board picker offers', () => {
	it('offers open answers and explanations, by question in poll order, skipping empty texts', () => {
		const groups = boardCandidates(
			[question('q1', 'single', 'Waar staat u?'), question('q2', 'text', 'Wat is het grootste vraagstuk?')],
			[
				ballot('aaaaaaaaaa', 'q2', '  Wie betaalt de opleider? ', 'Omdat het geld schuift', 'Anna'),
				ballot('bbbbbbbbbb', 'q1', ['opt-1'], '   '),
				ballot('cccccccccc', 'q1', ['opt-2'], 'De regio beslist mee', 'Bram'),
				ballot('dddddddddd', 'q2', '', null)
			]
		);
		expect(groups.map((g) => [g.questionId, g.part, g.items.map((i) => [i.key, i.text, i.authorName])])).toEqual([
			['q1', 'explanation', [['cccccccccc:explanation', 'De regio beslist mee', 'Bram']]],
			['q2', 'answer', [['aaaaaaaaaa:answer', 'Wie betaalt de opleider?', 'Anna']]],
			['q2', 'explanation', [['aaaaaaaaaa:explanation', 'Omdat het geld schuift', 'Anna']]]
		]);
	});

	it('reads checked values back, and refuses a malformed one', () => {
		expect(parseCandidateKeys(['aaaaaaaaaa:answer', 'bbbbbbbbbb:explanation'])).toEqual([
			{ responseId: 'aaaaaaaaaa', part: 'answer' },
			{ responseId: 'bbbbbbbbbb', part: 'explanation' }
		]);
		expect(parseCandidateKeys(['aaaaaaaaaa:value'])).toBeNull();
		expect(parseCandidateKeys(['../etc:answer'])).toBeNull();
	});
});
