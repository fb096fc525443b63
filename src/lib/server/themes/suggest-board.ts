// One call for a board: suggestions for its unsorted cards, in the context of all its cards (board
// frequency) and of what people taught the meeting (learning), plus the confident ones that the
// facilitator's "accept all" turns into one command.
import { analyseCard } from './analyse.ts';
import type { ThemeModel } from './model.ts';
import { countAnalysedStems } from './board-frequencies.ts';
import { scoreCard, type LearnedWeights } from './suggest.ts';
import type { Suggestion } from './types.ts';

export interface BoardCard {
	id: string;
	text: string;
	/** The card's theme on the board; cards that have one get no suggestion. */
	themeId: string | null;
}

export interface BoardSuggestions {
	/** Card id → suggestion, for every card without a theme. */
	byCard: Map<string, Suggestion>;
	/** The cards a confident suggestion would move, for "accept all". */
	confident: Array<{ cardId: string; themeId: string }>;
}

export function suggestForBoard(
	model: ThemeModel,
	cards: readonly BoardCard[],
	learned?: LearnedWeights
): BoardSuggestions {
	const analyses = cards.map((card) => analyseCard(model, card.text));
	const frequencies = countAnalysedStems(analyses);
	const byCard = new Map<string, Suggestion>();
	const confident: BoardSuggestions['confident'] = [];
	cards.forEach((card, i) => {
		if (card.themeId) return;
		const { suggestion } = scoreCard(model, analyses[i], { frequencies, learned });
		byCard.set(card.id, suggestion);
		if (suggestion.kind === 'theme') confident.push({ cardId: card.id, themeId: suggestion.themeId });
	});
	return { byCard, confident };
}
