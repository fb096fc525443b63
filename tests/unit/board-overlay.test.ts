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

describe('the overlay never counts an effect twice', () => {
	it('stops counting a vote the moment the doc carries it, even before the server answered', () => {
		// Sent with one dot on the card; the participant doc already shows two: one vote, shown once.
		const vote = { ...pending({ type: 'vote.cast', cardId: 'a' }), dotsAfter: 2 };
		expect(overlayVotes(new Map([['a', 1]]), [vote]).get('a')).toBe(2);
		expect(overlayVotes(new Map([['a', 2]]), [vote]).get('a')).toBe(2);
		const accepted = { ...vote, acceptedAt: 4 };
		expect(overlayVotes(new Map([['a', 2]]), [accepted]).get('a')).toBe(2);
	});

	it('counts quick taps one by one while the doc catches up', () => {
		const first = { ...pending({ type: 'vote.cast', cardId: 'a' }), dotsAfter: 1 };
		const second = { ...pending({ type: 'vote.cast', cardId: 'a' }), dotsAfter: 2 };
		expect(overlayVotes(new Map(), [first, second]).get('a')).toBe(2);
		expect(overlayVotes(new Map([['a', 1]]), [first, second]).get('a')).toBe(2);
		expect(overlayVotes(new Map([['a', 2]]), [first, second]).get('a')).toBe(2);
	});

	it('stops taking a withdrawn vote off once the doc has it', () => {
		const back = { ...pending({ type: 'vote.withdraw', cardId: 'a' }), dotsAfter: 1 };
		expect(overlayVotes(new Map([['a', 2]]), [back]).get('a')).toBe(1);
		expect(overlayVotes(new Map([['a', 1]]), [back]).get('a')).toBe(1);
	});

	it('shows a new card once when the doc has it before the answer came', () => {
		const add = { ...pending({ type: 'card.add', text: 'Wie betaalt de schoolopleider?' }), knownIds: new Set(['a']) };
		const before = overlayCards([card('a')], [add], 'Anna');
		expect(before.map((c) => c.text)).toEqual(['Vraag a', 'Wie betaalt de schoolopleider?']);
		const arrived = overlayCards([card('a'), card('n', { text: 'Wie betaalt de schoolopleider?' })], [add], 'Anna');
		expect(arrived.map((c) => c.id)).toEqual(['a', 'n']);
	});

	it('still shows a new card whose text matches a card that was already there', () => {
		const add = { ...pending({ type: 'card.add', text: 'Vraag a' }), knownIds: new Set(['a']) };
		expect(overlayCards([card('a')], [add], null)).toHaveLength(2);
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
