import { describe, expect, it } from 'vitest';
import { groupAnswers, normaliseAnswer } from '../../src/lib/server/themes/group-answers.ts';
import { m } from '../../src/lib/paraglide/messages.js';

describe('grouping what was said for the report', () => {
	it('normalises case, spaces, quotes and closing punctuation', () => {
		expect(normaliseAnswer('  "Meer   TIJD voor begeleiding!" ')).toBe('meer tijd voor begeleiding');
	});

	it('shows identical answers once with their count, most frequent first', () => {
		const texts = ['Geen idee', ...Array(9).fill('Meer tijd voor begeleiding.'), 'meer tijd voor begeleiding'];
		const groups = groupAnswers(texts);
		expect(groups[0]).toMatchObject({ text: 'Meer tijd voor begeleiding.', count: 10 });
		expect(groups[0].variants).toEqual([{ text: 'Meer tijd voor begeleiding.', count: 10 }]);
		expect(groups[1]).toMatchObject({ text: 'Geen idee', count: 1 });
		expect(m.themes_answer_count({ count: groups[0].count })).toBe('(10×)');
	});

	it('puts near-identical answers together, keeping each wording', () => {
		const groups = groupAnswers([
			'De regio moet het partnerschap erkennen',
			'De regio moet ons partnerschap erkennen',
			'De regio moet het partnerschap erkennen',
			'Kwaliteitskader landelijk houden',
			'Kwaliteitskader landelijk houden..',
			'Kwalitietskader landelijk houden'
		]);
		expect(groups).toEqual([
			{
				text: 'De regio moet het partnerschap erkennen',
				count: 3,
				variants: [
					{ text: 'De regio moet het partnerschap erkennen', count: 2 },
					{ text: 'De regio moet ons partnerschap erkennen', count: 1 }
				]
			},
			{
				text: 'Kwaliteitskader landelijk houden',
				count: 3,
				variants: [
					{ text: 'Kwaliteitskader landelijk houden', count: 2 },
					{ text: 'Kwalitietskader landelijk houden', count: 1 }
				]
			}
		]);
	});

	it('keeps different answers apart and drops empty ones', () => {
		const groups = groupAnswers(['Ja', 'Nee', '   ', 'Ja, maar later']);
		expect(groups.map((g) => g.text)).toEqual(['Ja', 'Nee', 'Ja, maar later']);
	});

	it('groups answers at most 15% of their characters apart, and no further', () => {
		// Single words, so only the edit distance decides: 20 characters allow 3 edits, not 4.
		const groups = groupAnswers(['abcdefghijklmnopqrst', 'abcXefghijXlmnopqXst', 'XbcdeXghijkXmnopXrst']);
		expect(groups.map((g) => g.variants.map((v) => v.text))).toEqual([
			['abcdefghijklmnopqrst', 'abcXefghijXlmnopqXst'],
			['XbcdeXghijkXmnopXrst']
		]);
		// Insertions and deletions count as one edit each.
		expect(groupAnswers(['abcdefghijklmnopqrst', 'abdefghijklmnopqrstu']).length).toBe(1);
	});
});
