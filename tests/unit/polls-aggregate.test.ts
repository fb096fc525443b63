import { describe, expect, it } from 'vitest';
import type { Ballot, PollQuestionView } from '../../src/lib/realtime/meeting-doc.ts';
import { aggregateQuestion } from '../../src/lib/realtime/poll-results.ts';

function question(
	type: PollQuestionView['type'],
	extra: Partial<PollQuestionView> = {}
): PollQuestionView {
	return {
		id: 'q1',
		key: 'k',
		position: 'a0',
		type,
		prompt: 'Vraag',
		help: null,
		required: true,
		options:
			type === 'scale' || type === 'text'
				? []
				: [
						{ id: 'a', label: 'Alpha' },
						{ id: 'b', label: 'Beta' },
						{ id: 'c', label: 'Gamma' }
					],
		maxChoices: null,
		scaleMin: type === 'scale' ? 1 : null,
		scaleMax: type === 'scale' ? 5 : null,
		scaleMinLabel: null,
		scaleMaxLabel: null,
		allowExplanation: true,
		revealed: false,
		...extra
	};
}

let n = 0;
function ballot(value: Ballot['value'], extra: Partial<Ballot> = {}): Ballot {
	return {
		id: `r${++n}`,
		questionId: 'q1',
		value,
		explanation: null,
		sector: 'po',
		regionId: null,
		name: null,
		...extra
	};
}

describe('choice aggregation', () => {
	it('counts per option with shares of the respondents, and lists explanations per chosen option', () => {
		const r = aggregateQuestion(question('multiple'), [
			ballot(['a', 'b'], { explanation: 'Omdat' }),
			ballot(['a']),
			ballot(['c'], { questionId: 'other' })
		]);
		expect(r).toMatchObject({ type: 'multiple', respondents: 2 });
		if (r.type !== 'multiple') throw new Error();
		expect(r.options.map((o) => [o.id, o.count, o.share])).toEqual([
			['a', 2, 1],
			['b', 1, 0.5],
			['c', 0, 0]
		]);
		expect(r.options[1].explanations.map((e) => e.text)).toEqual(['Omdat']);
	});

	it('filters by sector and by region, together', () => {
		const ballots = [
			ballot(['a'], { sector: 'po', regionId: 'r1' }),
			ballot(['b'], { sector: 'vo', regionId: 'r1' }),
			ballot(['b'], { sector: 'vo', regionId: 'r2' })
		];
		const counts = (f: object) => {
			const r = aggregateQuestion(question('single'), ballots, f);
			return r.type === 'single' ? r.options.map((o) => o.count) : [];
		};
		expect(counts({ sector: 'vo' })).toEqual([0, 2, 0]);
		expect(counts({ regionId: 'r1' })).toEqual([1, 1, 0]);
		expect(counts({ sector: 'vo', regionId: 'r2' })).toEqual([0, 1, 0]);
	});

	it('leaves out explanations once the question no longer offers them', () => {
		const r = aggregateQuestion(question('single', { allowExplanation: false }), [
			ballot(['a'], { explanation: 'x' })
		]);
		expect(r.type === 'single' && r.options[0].explanations).toEqual([]);
	});
});

describe('ranking aggregation', () => {
	it('gives n − rank + 1 Borda points and an average rank, ranked by points', () => {
		const r = aggregateQuestion(question('ranking'), [
			ballot(['b', 'a', 'c']),
			ballot(['b', 'c', 'a'])
		]);
		if (r.type !== 'ranking') throw new Error();
		expect(r.options.map((o) => [o.id, o.place, o.borda, o.averageRank])).toEqual([
			['b', 1, 6, 1],
			['a', 2, 3, 2.5],
			['c', 2, 3, 2.5]
		]);
	});

	it('shares a place on a tie of points and average rank, and breaks a points tie by average rank', () => {
		const tie = aggregateQuestion(question('ranking'), [
			ballot(['a', 'b', 'c']),
			ballot(['b', 'a', 'c'])
		]);
		expect(tie.type === 'ranking' && tie.options.map((o) => [o.id, o.place])).toEqual([
			['a', 1],
			['b', 1],
			['c', 3]
		]);
	});

	it('scores a partial ranking by the places it gives; unranked options get no points and no rank', () => {
		const r = aggregateQuestion(question('ranking'), [ballot(['c']), ballot(['a', 'c', 'zz'])]);
		if (r.type !== 'ranking') throw new Error();
		expect(r.respondents).toBe(2);
		expect(r.options.map((o) => [o.id, o.borda, o.averageRank, o.rankedBy])).toEqual([
			['c', 5, 1.5, 2],
			['a', 3, 1, 1],
			['b', 0, null, 0]
		]);
	});
});

describe('scale aggregation', () => {
	it('gives the distribution over every value, the mean and the median', () => {
		const r = aggregateQuestion(question('scale'), [ballot(1), ballot(4), ballot(5), ballot(4)]);
		expect(r).toMatchObject({ type: 'scale', respondents: 4, mean: 3.5, median: 4 });
		expect(r.type === 'scale' && r.distribution.map((d) => d.count)).toEqual([1, 0, 0, 2, 1]);
	});

	it('takes the middle of the two middle values for an even count, and nulls with no answers', () => {
		expect(aggregateQuestion(question('scale'), [ballot(2), ballot(3)])).toMatchObject({
			median: 2.5
		});
		expect(aggregateQuestion(question('scale'), [])).toMatchObject({
			respondents: 0,
			mean: null,
			median: null
		});
	});
});

describe('open answers', () => {
	it('lists the answers, with a name only when the ballot carries one', () => {
		const r = aggregateQuestion(question('text'), [
			ballot('Meer tijd', { name: 'Anna' }),
			ballot('Geld')
		]);
		expect(r.type === 'text' && r.answers.map((a) => [a.text, a.name])).toEqual([
			['Meer tijd', 'Anna'],
			['Geld', null]
		]);
	});
});
