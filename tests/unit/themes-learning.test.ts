import { describe, expect, it } from 'vitest';
import { LEARN_MAX, learnFromMoves } from '../../src/lib/server/themes/learning.ts';
import { buildThemeModel } from '../../src/lib/server/themes/model.ts';
import { describeSuggestion } from '../../src/lib/server/themes/reason.ts';
import { suggestTheme } from '../../src/lib/server/themes/suggest.ts';
import { templateThemes } from '../../src/lib/server/themes/template-themes.ts';
import { themeReasonLabels } from '../../src/lib/i18n/theme-labels.ts';

const themes = templateThemes();
const model = buildThemeModel(themes);
const names = new Map(themes.map((t) => [t.id, t.name]));

describe('learning within a meeting', () => {
	it('makes the words of cards people moved count for the theme they chose, shown as learned', () => {
		const card = 'Wat doet de krimp met ons?';
		expect(suggestTheme(model, card)).toEqual({ kind: 'none', words: [] });
		const learned = learnFromMoves(model, [
			{ text: 'Hoe gaan we om met de krimp in het noorden?', suggestedThemeId: null, chosenThemeId: 'governance' },
			{ text: 'Krimp van het aantal studenten', suggestedThemeId: 'quality', chosenThemeId: 'governance' }
		]);
		const after = suggestTheme(model, card, { learned });
		expect(after).toMatchObject({ kind: 'theme', themeId: 'governance' });
		expect(after.words).toEqual([expect.objectContaining({ word: 'krimp', learned: true, via: 'learned' })]);
		const text = describeSuggestion(after, (id) => names.get(id) ?? id, themeReasonLabels('nl'));
		expect(text).toBe('Governance — herkend: krimp (geleerd in deze sessie)');
	});

	it('learns nothing from a suggestion that was accepted, or from an unknown theme', () => {
		const accepted = learnFromMoves(model, [
			{ text: 'Wie betaalt de uren?', suggestedThemeId: 'finance', chosenThemeId: 'finance' },
			{ text: 'Wie betaalt de uren?', suggestedThemeId: 'finance', chosenThemeId: 'no-such-theme' }
		]);
		expect(accepted.size).toBe(0);
	});

	it('is bounded however often the same word is taught', () => {
		const moves = Array.from({ length: 20 }, () => ({
			text: 'De lerarenagenda',
			suggestedThemeId: 'finance',
			chosenThemeId: 'quality'
		}));
		const learned = learnFromMoves(model, moves);
		const weights = [...learned.values()].flatMap((perTheme) => [...perTheme.values()]);
		expect(Math.max(...weights)).toBe(LEARN_MAX);
		// A learned word never outweighs the question's frame: "wie betaalt" stays finance.
		expect(suggestTheme(model, 'Wie betaalt de lerarenagenda?', { learned })).toMatchObject({ kind: 'theme', themeId: 'finance' });
	});

	it('bounds what one card gains from learning, however many of its words were taught', () => {
		const moves = Array.from({ length: 5 }, () => ({
			text: 'Krimp, vergrijzing en leegloop in het noorden',
			suggestedThemeId: null,
			chosenThemeId: 'quality'
		}));
		const learned = learnFromMoves(model, moves);
		expect(learned.size).toBeGreaterThanOrEqual(4);
		const s = suggestTheme(model, 'Wie betaalt krimp, vergrijzing en leegloop in het noorden?', { learned });
		// Four taught words, but together they count as one theme word: the frame "wie betaalt" decides.
		expect(s).toMatchObject({ kind: 'theme', themeId: 'finance' });
	});
});
