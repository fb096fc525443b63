// The shapes the board passes in and gets back. Reasons are data, not sentences, so the UI can render
// them in Dutch or English (message keys in src/lib/i18n/messages/themes/).

import type { ThemeWord } from '../db/schema.ts';

/** One word of a theme's lexicon, as stored with the theme (`themes.words`). */
export type { ThemeWord };

/** A theme of the meeting as the board knows it: the template's three, or one a facilitator added. */
export interface ThemeInput {
	id: string;
	name: string;
	description?: string;
	words: readonly ThemeWord[];
}

/** How a word of the card was recognised. */
export type MatchVia =
	| 'word' // the word itself is a theme word
	| 'head' // the last part of a compound (opleidings-budget)
	| 'modifier' // an earlier part of a compound, counts less
	| 'frame' // the question's frame or main verb (wie betaalt …, hoe borgen we …)
	| 'learned'; // people in this meeting put cards with this word in this theme

export interface ReasonWord {
	/** As the card spells it (a frame's words for `frame`). */
	word: string;
	themeId: string;
	via: MatchVia;
	/** True when the weight was learned in this meeting ("geleerd in deze sessie"). */
	learned: boolean;
	weight: number;
}

export type Suggestion =
	| { kind: 'theme'; themeId: string; confidence: number; words: ReasonWord[] }
	| { kind: 'doubt'; themeIds: [string, string]; words: ReasonWord[] }
	| { kind: 'none'; words: ReasonWord[] };

/** A move a person made on the board: the card's text, what was suggested, where it went. */
export interface ThemeMove {
	text: string;
	suggestedThemeId: string | null;
	chosenThemeId: string;
}
