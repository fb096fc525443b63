import { describe, expect, it } from 'vitest';
import { groupCards, overlayCards, overlayVotes, type Pending } from '../../src/lib/realtime/board-overlay.ts';
import type { BoardCard } from '../../src/lib/realtime/board-doc.ts';

const card = (id: string, extra: Partial<BoardCard> = {}): BoardCard => ({
	id,
	text: `Vraag ${id}`,
	authorName: null,
	themeId: null,
	clusterId: null,
	orderKey: id,
	createdAt: 1,
	updatedAt: 1,
	votes: null,
	merged: [],
	...extra
});
const pending = (command: Pending['command'], state: Pending['state'] = 'sending'): Pending => ({ commandId: `c-${Math.random()}`, command, state });

describe('the overlay beside the doc', () => {
	it('shows a card on its way, a move, an edit and a withdrawal at once', () => {
		const shown = overlayCards(
			[card('a'), card('b'), card('c')],
			[
				pending({ type: 'card.add', text: 'Nieuw' }),
				pending({ type: 'card.move', cardId: 'a', themeId: 't1', clusterId: null }),
				pending({ type: 'card.edit', cardId: 'b', text: 'Beter gezegd' }),
				pending({ type: 'card.withdraw', cardId: 'c' }, 'waiting')
			],
			'Anna'
		);
		expect(shown.map((c) => c.text)).toEqual(['Vraag a', 'Beter gezegd', 'Nieuw']);
		expect(shown[0].themeId).toBe('t1');
		expect(shown[2]).toMatchObject({ sending: true, authorName: 'Anna' });
	});

	it('drops what the server refused', () => {
		const shown = overlayCards([card('a')], [pending({ type: 'card.withdraw', cardId: 'a' }, 'refused'), pending({ type: 'card.add', text: 'Nee' }, 'refused')], null);
		expect(shown.map((c) => c.id)).toEqual(['a']);
	});

	it('counts votes under way, never below zero', () => {
		const mine = new Map([['a', 1]]);
		const votes = overlayVotes(mine, [
			pending({ type: 'vote.cast', cardId: 'b' }),
			pending({ type: 'vote.withdraw', cardId: 'a' }),
			pending({ type: 'vote.withdraw', cardId: 'a' }, 'waiting'),
			pending({ type: 'vote.cast', cardId: 'c' }, 'refused')
		]);
		expect(Object.fromEntries(votes)).toEqual({ a: 0, b: 1 });
	});
});

describe('grouping for the columns', () => {
	it('puts cards under their theme and cluster; an unknown theme or cluster falls back', () => {
		const groups = groupCards(
			[card('a'), card('b', { themeId: 't1' }), card('c', { themeId: 't1', clusterId: 'k1' }), card('d', { themeId: 'gone' }), card('e', { themeId: 't1', clusterId: 'gone' })],
			['t1'],
			new Map([['k1', 't1']])
		);
		expect(groups.get(null)!.loose.map((c) => c.id)).toEqual(['a', 'd']);
		expect(groups.get('t1')!.loose.map((c) => c.id)).toEqual(['b', 'e']);
		expect(groups.get('t1')!.byCluster.get('k1')!.map((c) => c.id)).toEqual(['c']);
	});
});
