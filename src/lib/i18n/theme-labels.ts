// Relative imports with extensions: the theme command-line tools load these words in plain Node too.
import { m } from '../paraglide/messages.js';
import type { ReasonLabels } from '../server/themes/reason.ts';

type Locale = 'nl' | 'en';

/** The words of theme reasons, in the request's language or the one given. */
export function themeReasonLabels(locale?: Locale): ReasonLabels {
	const o = locale ? { locale } : undefined;
	return {
		theme: (theme, words) => m.themes_reason_theme({ theme, words }, o),
		doubt: (first, second) => m.themes_reason_doubt({ first, second }, o),
		doubtWords: (first, second, words) => m.themes_reason_doubt_words({ first, second, words }, o),
		none: () => m.themes_reason_none({}, o),
		weak: (words) => m.themes_reason_weak({ words }, o),
		learnedWord: (word) => m.themes_reason_learned_word({ word }, o)
	};
}
