// Measures the suggestions against labelled questions: accuracy among the suggestions made, the share
// of questions that got one (coverage), and the accuracy when forced to answer the most certain
// 100/90/80/70% of the questions.
import { analyseCard } from './analyse.ts';
import type { ThemeModel } from './model.ts';
import { scoreCard } from './suggest.ts';

export interface LabelledQuestion {
	theme: string;
	question: string;
}

export interface ScoreReport {
	total: number;
	suggested: number;
	correct: number;
	/** Right among the suggestions made (1 when none were made). */
	answeredAccuracy: number;
	coverage: number;
	atCoverage: Array<{ coverage: number; accuracy: number }>;
	/** Every question with what happened to it, for reading the misses. */
	rows: Array<LabelledQuestion & { outcome: 'right' | 'wrong' | 'abstained'; suggested: string | null }>;
}

/** `theme<TAB>question` rows; blank lines and lines starting with # are skipped. */
export function parseLabelled(tsv: string): LabelledQuestion[] {
	return tsv
		.split(/\r?\n/)
		.filter((line) => line.trim() && !line.startsWith('#'))
		.map((line) => {
			const tab = line.indexOf('\t');
			if (tab < 0) throw new Error(`No tab in line: ${line}`);
			return { theme: line.slice(0, tab).trim(), question: line.slice(tab + 1).trim() };
		});
}

export function scoreQuestions(model: ThemeModel, questions: readonly LabelledQuestion[]): ScoreReport {
	const graded = questions.map((q) => {
		const { suggestion, scores } = scoreCard(model, analyseCard(model, q.question));
		const [first, second] = scores;
		const top = first && first.score > 0 ? first.themeId : null;
		return {
			...q,
			suggested: suggestion.kind === 'theme' ? suggestion.themeId : null,
			top,
			certainty: first ? first.score - (second?.score ?? 0) : 0
		};
	});
	const suggested = graded.filter((g) => g.suggested !== null);
	const correct = suggested.filter((g) => g.suggested === g.theme).length;
	const ranked = [...graded].sort((a, b) => b.certainty - a.certainty);
	const atCoverage = [1, 0.9, 0.8, 0.7].map((coverage) => {
		const take = ranked.slice(0, Math.max(1, Math.ceil(coverage * ranked.length)));
		return { coverage, accuracy: take.filter((g) => g.top === g.theme).length / take.length };
	});
	return {
		total: questions.length,
		suggested: suggested.length,
		correct,
		answeredAccuracy: suggested.length ? correct / suggested.length : 1,
		coverage: questions.length ? suggested.length / questions.length : 0,
		atCoverage,
		rows: graded.map(({ theme, question, suggested }) => ({
			theme,
			question,
			suggested,
			outcome: suggested === null ? 'abstained' : suggested === theme ? 'right' : 'wrong'
		}))
	};
}
