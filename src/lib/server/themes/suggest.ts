// From a card's theme words to a suggestion, or an honest abstention. Board context weighs words down
// that nearly every card on the board uses, and adds what people taught the board in this meeting.
import { analyseCard, type CardAnalysis, type Hit } from './analyse.ts';
import { LEARN_MAX } from './learning.ts';
import type { ThemeModel } from './model.ts';
import type { ReasonWord, Suggestion } from './types.ts';

/** Below this total the theme words are too few or too weak to suggest anything. */
export const MIN_SCORE = 1;
/** The runner-up may have at most this share of the winner's score, or we say we doubt. */
export const MAX_RUNNER_UP_SHARE = 0.7;

/** How many cards of the board contain each stem; counted by `countBoardStems`. */
export interface BoardFrequencies {
	cards: number;
	stems: ReadonlyMap<string, number>;
}

/** Stem → theme id → extra weight learned in this meeting (see learning.ts). */
export type LearnedWeights = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface BoardContext {
	frequencies?: BoardFrequencies;
	learned?: LearnedWeights;
}

export interface ScoredSuggestion {
	suggestion: Suggestion;
	/** Every theme's score, best first: for the scorer's coverage curve, never shown as such. */
	scores: Array<{ themeId: string; score: number }>;
}

export function suggestTheme(model: ThemeModel, text: string, context: BoardContext = {}): Suggestion {
	return scoreCard(model, analyseCard(model, text), context).suggestion;
}

export function scoreCard(model: ThemeModel, card: CardAnalysis, context: BoardContext = {}): ScoredSuggestion {
	const words: ReasonWord[] = [];
	for (const hit of card.hits) {
		const weight = hit.weight * boardFactor(hit, context.frequencies);
		words.push({ word: hit.word, themeId: hit.themeId, via: hit.via, learned: false, weight });
	}
	// What a card gains from learning is bounded per theme, so learned words tip close calls but
	// never outvote the question's frame.
	const learnedSoFar = new Map<string, number>();
	for (const { stem, word, whole } of card.terms) {
		if (!whole) continue;
		for (const [themeId, weight] of context.learned?.get(stem) ?? []) {
			const room = LEARN_MAX - (learnedSoFar.get(themeId) ?? 0);
			if (room <= 0) continue;
			learnedSoFar.set(themeId, (learnedSoFar.get(themeId) ?? 0) + Math.min(room, weight));
			words.push({ word, themeId, via: 'learned', learned: true, weight: Math.min(room, weight) });
		}
	}
	const totals = new Map(model.themes.map((t) => [t.id, 0]));
	for (const w of words) totals.set(w.themeId, (totals.get(w.themeId) ?? 0) + w.weight);
	const scores = [...totals].map(([themeId, score]) => ({ themeId, score })).sort((a, b) => b.score - a.score);
	return { suggestion: decide(scores, words), scores };
}

function decide(scores: ScoredSuggestion['scores'], words: ReasonWord[]): Suggestion {
	const [first, second] = scores;
	const strongest = (themeIds: string[]) =>
		words.filter((w) => themeIds.includes(w.themeId)).sort((a, b) => b.weight - a.weight);
	if (!first || first.score < MIN_SCORE) {
		return { kind: 'none', words: strongest(scores.map((s) => s.themeId)) };
	}
	const runnerUp = second?.score ?? 0;
	if (runnerUp > first.score * MAX_RUNNER_UP_SHARE) {
		const themeIds: [string, string] = [first.themeId, second.themeId];
		return { kind: 'doubt', themeIds, words: strongest(themeIds) };
	}
	const confidence = 1 - runnerUp / first.score;
	return { kind: 'theme', themeId: first.themeId, confidence, words: strongest([first.themeId]) };
}

/**
 * Words that nearly every card on this board uses decide less: up to 30% of the cards a word counts
 * fully, at 100% it counts a fifth. Frames are the question's intent and keep their weight.
 */
function boardFactor(hit: Hit, frequencies: BoardFrequencies | undefined): number {
	if (!frequencies || frequencies.cards < 5 || hit.via === 'frame') return 1;
	const share = (frequencies.stems.get(hit.stem) ?? 0) / frequencies.cards;
	return share <= 0.3 ? 1 : Math.max(0.2, 1 - ((share - 0.3) / 0.7) * 0.8);
}
