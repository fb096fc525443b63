import type { Ballot, PollQuestionView, PollSector } from './meeting-doc.ts';

// Pure aggregation of ballots into results: the same functions serve the facilitator's endpoint, the
// facilitation view and the projector, so every screen counts alike.

export interface ResultFilter {
	sector?: PollSector | null;
	regionId?: string | null;
}

export interface Comment {
	text: string;
	sector: PollSector | null;
	regionId: string | null;
	/** Named meetings, facilitators only; otherwise null. */
	name: string | null;
}

export interface ChoiceResult {
	type: 'single' | 'multiple';
	respondents: number;
	options: Array<{
		id: string;
		label: string;
		count: number;
		share: number;
		explanations: Comment[];
	}>;
	/** Each explanation once, with the labels of every option its author chose (a multiple choice names several). */
	explanations: Array<Comment & { options: string[] }>;
}

export interface RankingResult {
	type: 'ranking';
	respondents: number;
	/** Sorted by Borda points (high first), then average rank (low first), then option order. */
	options: Array<{
		id: string;
		label: string;
		place: number;
		borda: number;
		averageRank: number | null;
		rankedBy: number;
	}>;
	explanations: Comment[];
}

export interface ScaleResult {
	type: 'scale';
	respondents: number;
	min: number;
	max: number;
	distribution: Array<{ value: number; count: number }>;
	mean: number | null;
	median: number | null;
	explanations: Comment[];
}

export interface TextResult {
	type: 'text';
	respondents: number;
	answers: Comment[];
}

export type QuestionResult = ChoiceResult | RankingResult | ScaleResult | TextResult;

export function filterBallots(ballots: readonly Ballot[], filter: ResultFilter = {}): Ballot[] {
	return ballots.filter(
		(b) =>
			(!filter.sector || b.sector === filter.sector) &&
			(!filter.regionId || b.regionId === filter.regionId)
	);
}

function comment(b: Ballot, text: string): Comment {
	return { text, sector: b.sector, regionId: b.regionId, name: b.name };
}

function explanations(ballots: readonly Ballot[]): Comment[] {
	return ballots.filter((b) => b.explanation).map((b) => comment(b, b.explanation as string));
}

const round = (n: number) => Math.round(n * 100) / 100;

export function aggregateChoice(q: PollQuestionView, ballots: readonly Ballot[]): ChoiceResult {
	const valid = ballots.filter((b) => Array.isArray(b.value));
	const n = valid.length;
	return {
		type: q.type === 'multiple' ? 'multiple' : 'single',
		respondents: n,
		options: q.options.map((o) => {
			const chose = valid.filter((b) => (b.value as string[]).includes(o.id));
			return {
				id: o.id,
				label: o.label,
				count: chose.length,
				share: n === 0 ? 0 : round(chose.length / n),
				explanations: explanations(chose)
			};
		}),
		explanations: valid
			.filter((b) => b.explanation)
			.map((b) => ({
				...comment(b, b.explanation as string),
				options: q.options.filter((o) => (b.value as string[]).includes(o.id)).map((o) => o.label)
			}))
	};
}

/**
 * Ranking. With n options, rank r (1 = first) earns n − r + 1 Borda points, so the first place earns n
 * and the last 1. A partial ranking (stored before options were added) scores the options it ranks
 * by their place in it; options it leaves out earn 0 points and do not enter their average rank.
 * Unknown option ids are ignored. Ties (same points and average rank) share a place: 1, 1, 3.
 */
export function aggregateRanking(q: PollQuestionView, ballots: readonly Ballot[]): RankingResult {
	const n = q.options.length;
	const known = new Set(q.options.map((o) => o.id));
	const stats = new Map(q.options.map((o) => [o.id, { borda: 0, rankSum: 0, rankedBy: 0 }]));
	let respondents = 0;
	for (const b of ballots) {
		if (!Array.isArray(b.value)) continue;
		const ranked = b.value.filter((id, i, all) => known.has(id) && all.indexOf(id) === i);
		if (ranked.length === 0) continue;
		respondents++;
		ranked.forEach((id, i) => {
			const s = stats.get(id)!;
			s.borda += n - i;
			s.rankSum += i + 1;
			s.rankedBy++;
		});
	}
	const rows = q.options.map((o, order) => {
		const s = stats.get(o.id)!;
		const averageRank = s.rankedBy === 0 ? null : round(s.rankSum / s.rankedBy);
		return { id: o.id, label: o.label, borda: s.borda, averageRank, rankedBy: s.rankedBy, order };
	});
	const avg = (r: (typeof rows)[number]) => r.averageRank ?? Number.POSITIVE_INFINITY;
	rows.sort((a, b) => b.borda - a.borda || avg(a) - avg(b) || a.order - b.order);
	const options = rows.map((r, i) => {
		let place = i + 1;
		for (let j = i - 1; j >= 0 && rows[j].borda === r.borda && avg(rows[j]) === avg(r); j--)
			place = j + 1;
		return {
			id: r.id,
			label: r.label,
			place,
			borda: r.borda,
			averageRank: r.averageRank,
			rankedBy: r.rankedBy
		};
	});
	return { type: 'ranking', respondents, options, explanations: explanations(ballots) };
}

export function aggregateScale(q: PollQuestionView, ballots: readonly Ballot[]): ScaleResult {
	const min = q.scaleMin ?? 1;
	const max = q.scaleMax ?? 5;
	const values = ballots
		.map((b) => b.value)
		.filter((v): v is number => typeof v === 'number' && v >= min && v <= max)
		.sort((a, b) => a - b);
	const n = values.length;
	const distribution = [];
	for (let value = min; value <= max; value++) {
		distribution.push({ value, count: values.filter((v) => v === value).length });
	}
	const mean = n === 0 ? null : round(values.reduce((s, v) => s + v, 0) / n);
	// The middle value; with an even count, the mean of the two middle values.
	const median =
		n === 0 ? null : n % 2 === 1 ? values[(n - 1) / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
	return {
		type: 'scale',
		respondents: n,
		min,
		max,
		distribution,
		mean,
		median,
		explanations: explanations(ballots)
	};
}

export function aggregateText(ballots: readonly Ballot[]): TextResult {
	const answers = ballots
		.filter((b) => typeof b.value === 'string' && b.value.trim() !== '')
		.map((b) => comment(b, b.value as string));
	return { type: 'text', respondents: answers.length, answers };
}

/** The result of one question from its ballots (other questions' ballots are ignored), filtered. */
export function aggregateQuestion(
	q: PollQuestionView,
	ballots: readonly Ballot[],
	filter: ResultFilter = {}
): QuestionResult {
	const own = filterBallots(
		ballots.filter((b) => b.questionId === q.id),
		filter
	);
	// Explanations only count where the question offers them (it may have been switched off).
	const mine = q.allowExplanation ? own : own.map((b) => ({ ...b, explanation: null }));
	switch (q.type) {
		case 'single':
		case 'multiple':
			return aggregateChoice(q, mine);
		case 'ranking':
			return aggregateRanking(q, mine);
		case 'scale':
			return aggregateScale(q, mine);
		case 'text':
			return aggregateText(mine);
	}
}
