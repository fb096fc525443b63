// Learning within one meeting: when people put a card in another theme than the one suggested (or
// sort a card the board had no suggestion for), the card's words count a little more for the theme
// they chose, for this meeting only. Bounded, so a few moves can tip a close call but never outvote
// the question's frame, and a mistaken move is easily outweighed.
import { analyseCard } from './analyse.ts';
import type { ThemeModel } from './model.ts';
import type { LearnedWeights } from './suggest.ts';
import type { ThemeMove } from './types.ts';

/** What one move adds to each of the card's words for the chosen theme. */
export const LEARN_STEP = 0.5;
/** The most a word can learn for one theme, however many moves teach it: as much as one theme word. */
export const LEARN_MAX = 1;

export function learnFromMoves(model: ThemeModel, moves: readonly ThemeMove[]): LearnedWeights {
	const known = new Set(model.themes.map((t) => t.id));
	const learned = new Map<string, Map<string, number>>();
	for (const move of moves) {
		if (move.chosenThemeId === move.suggestedThemeId || !known.has(move.chosenThemeId)) continue;
		for (const { stem, whole } of analyseCard(model, move.text).terms) {
			if (!whole) continue;
			const perTheme = learned.get(stem) ?? new Map<string, number>();
			const next = Math.min(LEARN_MAX, (perTheme.get(move.chosenThemeId) ?? 0) + LEARN_STEP);
			perTheme.set(move.chosenThemeId, next);
			learned.set(stem, perTheme);
		}
	}
	return learned;
}
