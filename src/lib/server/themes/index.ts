// The theme engine's public face for the board and the report: suggestions with reasons, learning
// within a meeting, duplicate hints and grouping of what was said. Pure functions, no SvelteKit.
export { buildThemeModel, type ThemeModel } from './model.ts';
export { analyseCard, type CardAnalysis } from './analyse.ts';
export {
	suggestTheme,
	scoreCard,
	type BoardContext,
	type BoardFrequencies,
	type LearnedWeights
} from './suggest.ts';
export { countBoardStems, countAnalysedStems } from './board-frequencies.ts';
export { suggestForBoard, type BoardCard, type BoardSuggestions } from './suggest-board.ts';
export { learnFromMoves } from './learning.ts';
export { findDuplicateHints, type DuplicateCard, type DuplicateGroup } from './duplicates.ts';
export { groupAnswers, normaliseAnswer, type AnswerGroup } from './group-answers.ts';
export { describeSuggestion, reasonWords, type ReasonLabels } from './reason.ts';
export { templateThemes } from './template-themes.ts';
export { parseLabelled, scoreQuestions } from './score.ts';
export { themeInputs, parseThemeWords, type ThemeRow } from './theme-rows.ts';
export type * from './types.ts';
