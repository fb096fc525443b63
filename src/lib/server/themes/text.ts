// Words of a card: normalised, split into tokens, stop words marked, reduced to their Snowball stem.
import { createRequire } from 'node:module';
import snowball from 'snowball-stemmers';

// require, not a JSON import: a bundler that keeps the package external drops the import attribute
// Node needs for JSON, and the server would fail at start.
const stopwordsIso = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;
const stemmer = snowball.newStemmer('dutch');
const STOPWORDS: ReadonlySet<string> = new Set(stopwordsIso.nl);

export interface Token {
	/** The word as the card spells it, for reasons shown to people. */
	surface: string;
	/** Lower case, apostrophes unified (regio’s → regio's). */
	lower: string;
	/** Snowball stem of `lower`. */
	stem: string;
	stop: boolean;
}

/** Unicode-normalised lower case with one kind of apostrophe and single spaces. */
export function normalise(text: string): string {
	return text.normalize('NFC').toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

const WORD = /\p{L}[\p{L}'-]*\p{L}|\p{L}/gu;

/** The card's words in order; hyphenated words stay whole (the compound splitter handles them). */
export function tokenize(text: string): Token[] {
	const original = text.normalize('NFC');
	const tokens: Token[] = [];
	for (const match of original.matchAll(WORD)) {
		const surface = match[0];
		const lower = normalise(surface);
		tokens.push({ surface, lower, stem: stemWord(lower), stop: STOPWORDS.has(lower) });
	}
	return tokens;
}

// The Snowball port is slow (a fraction of a millisecond a word) and a meeting repeats its words:
// remember stems, and forget them all when the memory grows past a bound.
const STEM_CACHE_MAX = 50_000;
const stems = new Map<string, string>();

/** Snowball stem; the genitive 's (regio's) is dropped first, which Snowball does not do. */
export function stemWord(lower: string): string {
	let stem = stems.get(lower);
	if (stem === undefined) {
		const bare = lower.endsWith("'s") ? lower.slice(0, -2) : lower.replace(/'/g, '');
		stem = stemmer.stem(bare);
		if (stems.size >= STEM_CACHE_MAX) stems.clear();
		stems.set(lower, stem);
	}
	return stem;
}

export function isStopword(lower: string): boolean {
	return STOPWORDS.has(lower);
}
