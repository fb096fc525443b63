// Counts, for a board, how many cards use each content stem, so that suggestions can weigh down the
// words everyone uses (at a table about the region, "regio" says nothing about the theme).
import { analyseCard, type CardAnalysis } from './analyse.ts';
import type { ThemeModel } from './model.ts';
import type { BoardFrequencies } from './suggest.ts';

export function countBoardStems(model: ThemeModel, texts: readonly string[]): BoardFrequencies {
	return countAnalysedStems(texts.map((text) => analyseCard(model, text)));
}

/** The same count over cards already analysed (the board keeps analyses per card). */
export function countAnalysedStems(cards: readonly CardAnalysis[]): BoardFrequencies {
	const stems = new Map<string, number>();
	for (const card of cards) {
		const seen = new Set([...card.terms.map((t) => t.stem), ...card.hits.map((h) => h.stem)]);
		for (const stem of seen) stems.set(stem, (stems.get(stem) ?? 0) + 1);
	}
	return { cards: cards.length, stems };
}
