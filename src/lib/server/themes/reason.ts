// Puts a suggestion into words for people. The words come from the message files through `labels`
// (src/lib/i18n/theme-labels.ts), so the same reason reads in Dutch or English.
import type { ReasonWord, Suggestion } from './types.ts';

export interface ReasonLabels {
	theme: (theme: string, words: string) => string;
	doubt: (first: string, second: string) => string;
	doubtWords: (first: string, second: string, words: string) => string;
	none: () => string;
	weak: (words: string) => string;
	learnedWord: (word: string) => string;
}

/** At most this many words in a reason: it must fit under a card. */
const MAX_WORDS = 4;

/** The distinct words of a reason, strongest first, learned ones marked. */
export function reasonWords(words: readonly ReasonWord[], labels: ReasonLabels): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const w of words) {
		const key = w.word.toLowerCase();
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(w.learned ? labels.learnedWord(w.word) : w.word);
		if (out.length === MAX_WORDS) break;
	}
	return out;
}

export function describeSuggestion(
	suggestion: Suggestion,
	themeName: (themeId: string) => string,
	labels: ReasonLabels
): string {
	const words = reasonWords(suggestion.words, labels).join(', ');
	switch (suggestion.kind) {
		case 'theme':
			return labels.theme(themeName(suggestion.themeId), words);
		case 'doubt': {
			const [first, second] = suggestion.themeIds.map(themeName);
			return words ? labels.doubtWords(first, second, words) : labels.doubt(first, second);
		}
		case 'none':
			return words ? labels.weak(words) : labels.none();
	}
}
