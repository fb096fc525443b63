// A meeting's theme model: its themes' words indexed by Snowball stem, built once per meeting (and again
// when a facilitator edits a theme's words). Pure data; classifying a card only reads it.
import type { CompoundSplit } from './compounds.ts';
import { WORD_PARTS } from './word-parts.generated.ts';
import { normalise, stemWord, tokenize } from './text.ts';
import type { ThemeInput } from './types.ts';
import { verbStem, wordForms } from './word-forms.ts';

/** A weak word counts this much of a full word. */
export const WEAK_WEIGHT = 0.25;
/** Words of a theme's description help a little: a description is prose, not a chosen word. */
const DESCRIPTION_WEIGHT = 0.5;

export interface LexiconEntry {
	themeId: string;
	weight: number;
	/** The theme word as the facilitator or template wrote it. */
	term: string;
}

export interface PhraseEntry extends LexiconEntry {
	/** The phrase's words in lower case, to be found in this order in a card (or their stems). */
	words: string[];
	stems: string[];
}

export interface ThemeModel {
	themes: readonly ThemeInput[];
	/** Stem → theme words with that stem (several themes may share a stem). */
	index: ReadonlyMap<string, LexiconEntry[]>;
	phrases: readonly PhraseEntry[];
	/** Whether a string is a known compound part (dictionary parts plus this meeting's own words). */
	isPart: (word: string) => boolean;
	/** Verb forms of the theme words (betaalt, geborgd): a noun sharing a verb's stem is no verb. */
	verbForms: ReadonlySet<string>;
	/** Compound splits found so far for this model's parts (see analyse.ts); bounded there. */
	splits: Map<string, CompoundSplit | null>;
}

let dictionaryParts: Set<string> | null = null;
/** Parsed on first use, so importing the module costs nothing at start-up. */
function getDictionaryParts(): Set<string> {
	dictionaryParts ??= new Set(WORD_PARTS.split(' '));
	return dictionaryParts;
}

export function buildThemeModel(themes: readonly ThemeInput[]): ThemeModel {
	const index = new Map<string, LexiconEntry[]>();
	const phrases: PhraseEntry[] = [];
	const ownParts = new Set<string>();
	const verbForms = new Set<string>();

	// `extra` words (from a name or description) never change a weight the theme's own words set.
	const add = (themeId: string, term: string, weight: number, extra = false) => {
		const lower = normalise(term);
		if (!lower) return;
		if (lower.includes(' ')) {
			const words = lower.split(' ');
			phrases.push({ themeId, weight, term, words, stems: words.map(stemWord) });
			return;
		}
		const verb = verbStem(lower) !== null;
		for (const form of wordForms(lower)) {
			if (verb) verbForms.add(form);
			ownParts.add(form);
			const stem = stemWord(form);
			const entries = index.get(stem) ?? [];
			const same = entries.find((e) => e.themeId === themeId);
			// One entry per theme and stem, with the strongest weight its words give it.
			if (!same) {
				entries.push({ themeId, weight, term });
				index.set(stem, entries);
			} else if (!extra && weight > same.weight) {
				same.weight = weight;
				same.term = term;
			}
		}
	};

	for (const theme of themes) {
		for (const word of theme.words) add(theme.id, word.term, word.weak ? WEAK_WEIGHT : 1);
		for (const token of tokenize(theme.name)) if (!token.stop) add(theme.id, token.lower, 1, true);
		for (const token of tokenize(theme.description ?? '')) {
			if (!token.stop && token.lower.length > 3) add(theme.id, token.lower, DESCRIPTION_WEIGHT, true);
		}
	}
	const parts = getDictionaryParts();
	const isPart = (w: string) => parts.has(w) || ownParts.has(w);
	return { themes, index, phrases, isPart, verbForms, splits: new Map() };
}
