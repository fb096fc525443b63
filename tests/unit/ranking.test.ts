import { describe, expect, it } from 'vitest';
import { rankItems, topItems } from '../../src/lib/realtime/ranking.ts';

const card = (id: string, votes: number, clusterId: string | null = null) => ({ id, text: `Vraag ${id}`, clusterId, votes });

describe('ranking a board', () => {
	it('counts a cluster as one item with its summed votes, a loose card as one', () => {
		const items = rankItems(
			[card('a', 2, 'geld'), card('b', 3, 'geld'), card('c', 4), card('d', 0)],
			[{ id: 'geld', name: 'Geld volgt de student' }]
		);
		expect(items.map((i) => [i.kind, i.label, i.votes, i.rank])).toEqual([
			['cluster', 'Geld volgt de student', 5, 1],
			['card', 'Vraag c', 4, 2],
			['card', 'Vraag d', 0, 3]
		]);
		expect(items[0].cards.map((c) => c.id)).toEqual(['b', 'a']);
	});

	it('gives tied items the same rank and marks them', () => {
		const items = rankItems([card('a', 3), card('b', 2), card('c', 2), card('d', 1)], []);
		expect(items.map((i) => [i.id, i.rank, i.tied])).toEqual([
			['a', 1, false],
			['b', 2, true],
			['c', 2, true],
			['d', 4, false]
		]);
	});

	it('takes the top N and keeps every item tied with the last one', () => {
		const items = rankItems([card('a', 5), card('b', 3), card('c', 3), card('d', 3), card('e', 1)], []);
		expect(topItems(items, 2).map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
		expect(topItems(items, 1).map((i) => i.id)).toEqual(['a']);
		expect(topItems(items, 10)).toHaveLength(5);
		expect(topItems(items, 0)).toEqual([]);
	});

	it('treats unknown tallies as zero and a card of a vanished cluster as loose', () => {
		const items = rankItems([{ id: 'x', text: 'X', clusterId: 'gone', votes: null }], []);
		expect(items).toMatchObject([{ kind: 'card', votes: 0, rank: 1 }]);
	});
});
