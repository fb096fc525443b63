import { describe, expect, it } from 'vitest';
import { countBoardStems } from '../../src/lib/server/themes/board-frequencies.ts';
import { buildThemeModel } from '../../src/lib/server/themes/model.ts';
import { describeSuggestion } from '../../src/lib/server/themes/reason.ts';
import { suggestTheme } from '../../src/lib/server/themes/suggest.ts';
import { templateThemes } from '../../src/lib/server/themes/template-themes.ts';
import type { Suggestion } from '../../src/lib/server/themes/types.ts';
import { parseThemeWords, themeInputs } from '../../src/lib/server/themes/theme-rows.ts';
import { suggestForBoard } from '../../src/lib/server/themes/suggest-board.ts';
import { themeReasonLabels } from '../../src/lib/i18n/theme-labels.ts';

const themes = templateThemes();
const model = buildThemeModel(themes);
const names = new Map(themes.map((t) => [t.id, t.name]));
const themeOf = (s: Suggestion) => (s.kind === 'theme' ? s.themeId : null);
const nl = (s: Suggestion) => describeSuggestion(s, (id) => names.get(id) ?? id, themeReasonLabels('nl'));

describe('a theme suggestion reads the question’s intent', () => {
	it('takes "wie betaalt" as money even when the topic is begeleiding', () => {
		const s = suggestTheme(model, 'Wie betaalt de uren van de werkplekbegeleiders op de scholen?');
		expect(themeOf(s)).toBe('finance');
		expect(s.words[0]).toMatchObject({ word: 'betaalt', via: 'frame', themeId: 'finance', learned: false });
	});

	it('takes "hoe borgen we" as quality even when the topic is money', () => {
		expect(themeOf(suggestTheme(model, 'Hoe borgen we de kwaliteit als de bekostiging per regio verandert?'))).toBe('quality');
	});

	it('takes "wie zit aan tafel" and "wie beslist" as governance', () => {
		expect(themeOf(suggestTheme(model, 'Wie zit er namens de kleine besturen aan tafel?'))).toBe('governance');
		expect(themeOf(suggestTheme(model, 'Wie beslist over de inzet van de werkplekbegeleiders?'))).toBe('governance');
	});

	it('counts a compound’s head more than its modifier', () => {
		// kwaliteitsbudget is a budget: finance, although kwaliteit is a quality word.
		const s = suggestTheme(model, 'Blijft het kwaliteitsbudget bestaan?');
		expect(themeOf(s)).toBe('finance');
		expect(s.words.find((w) => w.themeId === 'finance')).toMatchObject({ word: 'kwaliteitsbudget', via: 'head' });
	});

	it('reads a card written as a statement by the noun it opens with, not by its complement', () => {
		const s = suggestTheme(model, 'Te weinig budget voor de begeleiding van zij-instromers');
		expect(themeOf(s)).toBe('finance');
		expect(s.words[0]).toMatchObject({ word: 'budget', via: 'frame' });
	});

	it('lets the modifier name the topic when a compound’s head is a weak, generic word', () => {
		// afspraken is weak (every card has them); kwaliteits- says what they are about.
		expect(themeOf(suggestTheme(model, 'Kwaliteitsafspraken ontbreken nog'))).toBe('quality');
	});

	it('reads a yes/no question by its opening or clause-final verb', () => {
		expect(themeOf(suggestTheme(model, 'Kunnen scholen de begeleiding van studenten nog wel betalen?'))).toBe('finance');
		expect(themeOf(suggestTheme(model, 'Betalen de lerarenopleidingen mee aan de werkplekbegeleiding?'))).toBe('finance');
	});

	it('takes a verb followed by its subject as the finite verb, even after "welk"', () => {
		const s = suggestTheme(model, 'Uit welk potje betalen we de tijd van de schoolopleider?');
		expect(themeOf(s)).toBe('finance');
		expect(s.words).toContainEqual(expect.objectContaining({ word: 'betalen', via: 'frame' }));
	});

	it('knows a diminutive by the word it is made of', () => {
		const s = suggestTheme(model, 'Het potje is leeg');
		expect(s.words).toContainEqual(expect.objectContaining({ word: 'potje', themeId: 'finance' }));
	});

	it('does not add up the weak parts of one word', () => {
		// opleiding and school are both weak: the compound is one common word, counted once.
		const s = suggestTheme(model, 'De opleidingsschool');
		expect(s.kind).toBe('none');
		expect(s.words.reduce((sum, w) => sum + w.weight, 0)).toBe(0.25);
	});

	it('finds a theme word as the head of a compound of three parts', () => {
		const s = suggestTheme(model, 'Is er een regiostuurgroepvoorzitter nodig?');
		expect(themeOf(s)).toBe('governance');
	});
});

describe('an honest abstention', () => {
	it('says no theme words were recognised', () => {
		const s = suggestTheme(model, 'Wat vinden we van het weer vandaag?');
		expect(s).toEqual({ kind: 'none', words: [] });
		expect(nl(s)).toBe('geen themawoorden herkend');
	});

	it('does not suggest on over-common words alone', () => {
		const s = suggestTheme(model, 'Wat betekent de onderwijsregio voor ons partnerschap?');
		expect(s.kind).toBe('none');
	});

	it('doubts between two themes whose words weigh about the same', () => {
		const s = suggestTheme(model, 'Subsidie en kwaliteitszorg');
		expect(s.kind).toBe('doubt');
		if (s.kind !== 'doubt') return;
		expect(new Set(s.themeIds)).toEqual(new Set(['finance', 'quality']));
		expect(nl(s)).toMatch(/^twijfel tussen (Financiën en Kwaliteit|Kwaliteit en Financiën) — herkend: /);
	});
});

describe('reasons are data the UI renders in Dutch and English', () => {
	it('names the theme and the recognised words', () => {
		const s = suggestTheme(model, 'Hoe blijft de bekostiging van de subsidie geregeld?');
		expect(nl(s)).toBe('Financiën — herkend: bekostiging, subsidie');
		const en = describeSuggestion(s, (id) => names.get(id) ?? id, themeReasonLabels('en'));
		expect(en).toBe('Financiën — recognised: bekostiging, subsidie');
	});
});

describe('board frequency', () => {
	it('lets a word that nearly every card of the board uses decide less', () => {
		const card = 'Hoe past de stuurgroep in de regio?';
		// Alone, "stuurgroep" makes this governance.
		expect(themeOf(suggestTheme(model, card))).toBe('governance');
		// On a board where every card talks about the stuurgroep, it no longer decides.
		const board = [
			card,
			'Wie betaalt de stuurgroep?',
			'Hoe borgt de stuurgroep de kwaliteit?',
			'Wat kost een stuurgroep?',
			'Kwaliteitseisen van de stuurgroep',
			'De stuurgroep en de begroting'
		];
		const frequencies = countBoardStems(model, board);
		expect(frequencies.stems.get('stuurgroep')).toBe(6);
		expect(suggestTheme(model, card, { frequencies }).kind).toBe('none');
	});
});

describe('a theme the facilitator adds', () => {
	it('is suggested at once from its name, description and a few words', () => {
		const withInclusion = buildThemeModel([
			...themes,
			{
				id: 'inclusion',
				name: 'Inclusie',
				description: 'Kansengelijkheid en diversiteit in het lerarenteam.',
				words: [{ term: 'diversiteit' }, { term: 'kansengelijkheid' }, { term: 'toegankelijk' }]
			}
		]);
		const s = suggestTheme(withInclusion, 'Hoe vergroten we de diversiteit onder studenten?');
		expect(themeOf(s)).toBe('inclusion');
		expect(themeOf(suggestTheme(withInclusion, 'Is ons inclusiebeleid genoeg?'))).toBe('inclusion');
		// The template themes keep working beside it.
		expect(themeOf(suggestTheme(withInclusion, 'Wie betaalt de mentoren?'))).toBe('finance');
	});
});

describe('themes as the meeting stores them', () => {
	it('parses the words a facilitator types, weak ones marked with ~', () => {
		expect(parseThemeWords('Diversiteit, kansengelijkheid;\n toegankelijk~ , diversiteit,, ')).toEqual([
			{ term: 'diversiteit' },
			{ term: 'kansengelijkheid' },
			{ term: 'toegankelijk', weak: true }
		]);
	});

	it('gives a template-named theme stored without words the template’s words', () => {
		const [finance, own] = themeInputs([
			{ id: 't1', name: 'Financiën', description: '', words: [] },
			{ id: 't2', name: 'Inclusie', description: '', words: [{ term: 'diversiteit' }] }
		]);
		expect(finance.words.length).toBeGreaterThan(40);
		expect(own.words).toEqual([{ term: 'diversiteit' }]);
		const stored = buildThemeModel([finance, own]);
		expect(themeOf(suggestTheme(stored, 'Wie betaalt de mentoren?'))).toBe('t1');
	});
});

describe('suggestions for a whole board', () => {
	it('suggests for unsorted cards only and lists the confident ones for "accept all"', () => {
		const { byCard, confident } = suggestForBoard(model, [
			{ id: 'a', text: 'Wie betaalt de mentoren?', themeId: null },
			{ id: 'b', text: 'Wat vinden we van het weer?', themeId: null },
			{ id: 'c', text: 'Hoe borgen we de kwaliteit?', themeId: 'quality' }
		]);
		expect([...byCard.keys()]).toEqual(['a', 'b']);
		expect(byCard.get('b')?.kind).toBe('none');
		expect(confident).toEqual([{ cardId: 'a', themeId: 'finance' }]);
	});
});
