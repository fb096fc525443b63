import { describe, expect, it } from 'vitest';
import { findDuplicateHints } from '../../src/lib/server/themes/duplicates.ts';
import { buildThemeModel } from '../../src/lib/server/themes/model.ts';
import { templateThemes } from '../../src/lib/server/themes/template-themes.ts';

const model = buildThemeModel(templateThemes());

describe('duplicate hints', () => {
	it('groups cards that say nearly the same thing, with the words they share', () => {
		const groups = findDuplicateHints(model, [
			{ id: 'a', text: 'Wie betaalt de werkplekbegeleiders op de scholen?' },
			{ id: 'b', text: 'Wie betaalt straks de werkplekbegeleiders in de scholen' },
			{ id: 'c', text: 'Hoe borgen we de kwaliteit van de inductie?' },
			{ id: 'd', text: 'Welke plek krijgt het partnerschap in de stuurgroep?' }
		]);
		expect(groups).toHaveLength(1);
		expect(groups[0].cardIds).toEqual(['a', 'b']);
		expect(groups[0].sharedWords).toEqual(expect.arrayContaining(['betaalt', 'werkplekbegeleiders']));
	});

	it('groups three cards on one subject, not two cards on one topic word only', () => {
		const groups = findDuplicateHints(model, [
			{ id: 'a', text: 'Subsidie samen opleiden loopt af' },
			{ id: 'b', text: 'De subsidie voor samen opleiden loopt af!' },
			{ id: 'c', text: 'subsidie samen opleiden loopt straks af' },
			{ id: 'd', text: 'Subsidie voor zij-instromers' }
		]);
		expect(groups.map((g) => g.cardIds)).toEqual([['a', 'b', 'c']]);
	});

	it('never hints at merging cards whose confident themes differ', () => {
		const cards = [
			{ id: 'money', text: 'Wie betaalt de begeleiding van studenten in de regio?' },
			{ id: 'quality', text: 'Hoe borgen we de begeleiding van studenten in de regio?' }
		];
		expect(findDuplicateHints(model, cards)).toEqual([]);
		// Nor when people placed them in different themes.
		const placed = [
			{ id: 'x', text: 'Begeleiding van studenten in de regio', themeId: 'quality' },
			{ id: 'y', text: 'Begeleiding van de studenten in de regio', themeId: 'finance' }
		];
		expect(findDuplicateHints(model, placed)).toEqual([]);
		// The same two texts in one theme are hinted.
		expect(findDuplicateHints(model, placed.map((c) => ({ ...c, themeId: 'quality' })))).toHaveLength(1);
	});

	it('does not chain two differently placed cards into one group through a third', () => {
		const groups = findDuplicateHints(model, [
			// No theme words: the open card has no confident theme of its own.
			{ id: 'x', text: 'Krimp en vergrijzing in het noorden', themeId: 'finance' },
			{ id: 'open', text: 'Krimp en vergrijzing in het hoge noorden' },
			{ id: 'y', text: 'Krimp en vergrijzing in het noorden!', themeId: 'quality' }
		]);
		for (const g of groups) expect(g.cardIds.includes('x') && g.cardIds.includes('y')).toBe(false);
		expect(groups).toHaveLength(1);
	});

	it('handles a table of 150 cards', () => {
		const cards = Array.from({ length: 150 }, (_, i) => ({
			id: `c${i}`,
			text: `Vraag ${i}: wie betaalt de begeleiding van groep ${i % 50} in de regio en wat kost dat?`
		}));
		const groups = findDuplicateHints(model, cards);
		expect(groups.flatMap((g) => g.cardIds)).toHaveLength(150);
	});
});
