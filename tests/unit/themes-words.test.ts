import { describe, expect, it } from 'vitest';
import { splitCompound, baseForms } from '../../src/lib/server/themes/compounds.ts';
import { buildThemeModel } from '../../src/lib/server/themes/model.ts';
import { templateThemes } from '../../src/lib/server/themes/template-themes.ts';
import { stemWord, tokenize } from '../../src/lib/server/themes/text.ts';
import { verbStem, wordForms } from '../../src/lib/server/themes/word-forms.ts';
import { GOVERNANCE_WORDS, FINANCE_WORDS, QUALITY_WORDS } from '../../src/lib/server/templates/theme-lexicons.ts';

const model = buildThemeModel(templateThemes());

describe('Dutch words of a card', () => {
	it('stems plural and singular to one stem, and drops the genitive apostrophe', () => {
		expect(stemWord('middelen')).toBe(stemWord('middel'));
		expect(stemWord('kosten')).toBe(stemWord('kost'));
		expect(stemWord("regio's")).toBe(stemWord('regio'));
	});

	it('marks Dutch stop words and keeps the surface form for reasons', () => {
		const tokens = tokenize('Wie betaalt de Uren?');
		expect(tokens.map((t) => t.surface)).toEqual(['Wie', 'betaalt', 'de', 'Uren']);
		expect(tokens.find((t) => t.lower === 'de')?.stop).toBe(true);
		expect(tokens.find((t) => t.lower === 'betaalt')?.stop).toBe(false);
	});

	it('knows the regular forms of a verb, which Snowball leaves apart', () => {
		expect(verbStem('betalen')).toBe('betaal');
		expect(verbStem('beslissen')).toBe('beslis');
		expect(verbStem('financiën')).toBeNull();
		expect(wordForms('betalen')).toEqual(expect.arrayContaining(['betaalt', 'betaald', 'betaalde']));
		expect(wordForms('borgen')).toEqual(expect.arrayContaining(['borgt', 'geborgd']));
		expect(wordForms('verdelen')).toEqual(expect.arrayContaining(['verdeelt', 'verdeeld']));
	});
});

describe('compound splitting with the OpenTaal word parts', () => {
	it('splits opleidingsbudget into the modifier opleiding and the head budget', () => {
		expect(splitCompound('opleidingsbudget', model.isPart)).toEqual({ modifiers: ['opleiding'], head: 'budget' });
	});

	it('finds the head in its dictionary form behind a plural', () => {
		expect(splitCompound('werkplekbegeleiders', model.isPart)?.head).toBe('begeleider');
		expect(splitCompound('opleidingsbudgetten', model.isPart)?.head).toBe('budget');
		expect(baseForms('uren')).toContain('uur');
	});

	it('takes the longest known head, whose own split comes from splitting it again', () => {
		const split = splitCompound('regiobestuurstafel', model.isPart);
		expect(split).toEqual({ modifiers: ['regio'], head: 'bestuurstafel' });
		expect(splitCompound(split!.head, model.isPart)).toEqual({ modifiers: ['bestuur'], head: 'tafel' });
	});

	it('leaves simple words and unknown strings whole', () => {
		expect(splitCompound('begroting', model.isPart)).toBeNull();
		expect(splitCompound('xqzwvbrt', model.isPart)).toBeNull();
	});

	it('uses a theme’s own words as parts, so a new theme’s compounds are understood', () => {
		const inclusion = buildThemeModel([{ id: 'i', name: 'Inclusie', words: [{ term: 'diversiteit' }] }]);
		expect(splitCompound('diversiteitsbeleid', inclusion.isPart)?.modifiers).toEqual(['diversiteit']);
	});
});

describe('the template lexicons', () => {
	it('have 40 to 80 words per theme, nouns and verbs, with over-common words marked weak', () => {
		for (const words of [GOVERNANCE_WORDS, FINANCE_WORDS, QUALITY_WORDS]) {
			expect(words.length).toBeGreaterThanOrEqual(40);
			expect(words.length).toBeLessThanOrEqual(80);
		}
		const terms = (ws: typeof FINANCE_WORDS) => ws.map((w) => w.term);
		expect(terms(FINANCE_WORDS)).toEqual(expect.arrayContaining(['bekostigen', 'betalen', 'verdelen']));
		expect(terms(GOVERNANCE_WORDS)).toEqual(expect.arrayContaining(['beslissen']));
		expect(terms(QUALITY_WORDS)).toEqual(expect.arrayContaining(['borgen']));
		const weak = [...GOVERNANCE_WORDS, ...QUALITY_WORDS].filter((w) => w.weak).map((w) => w.term);
		expect(weak).toEqual(expect.arrayContaining(['opleiding', 'regio', 'school', 'partnerschap']));
	});
});
