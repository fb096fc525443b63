import type { QuestionResult } from '$lib/realtime/poll-results';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDecimal } from '$lib/text/numbers';

export interface BarRow {
	id: string;
	label: string;
	/** What the bar's length shows. */
	value: number;
	/** The value in words, e.g. "3 (60%)". */
	text: string;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Rows for the bars of a result; ranking gives Borda points, use `averageRankRows` for the other view. */
export function resultRows(result: QuestionResult): BarRow[] {
	switch (result.type) {
		case 'single':
		case 'multiple':
			return result.options.map((o) => ({
				id: o.id,
				label: o.label,
				value: o.count,
				text: m.pollui_count_share({ count: o.count, share: percent(o.share) })
			}));
		case 'ranking':
			return result.options.map((o) => ({
				id: o.id,
				label: `${o.place}. ${o.label}`,
				value: o.borda,
				text: m.pollui_borda({ points: o.borda })
			}));
		case 'scale':
			return result.distribution.map((d) => ({
				id: String(d.value),
				label: String(d.value),
				value: d.count,
				text: String(d.count)
			}));
		case 'text':
			return [];
	}
}

/** Average rank as bars: a lower rank is better, so the bar shows how far from last place it is. */
export function averageRankRows(result: Extract<QuestionResult, { type: 'ranking' }>): BarRow[] {
	const n = result.options.length;
	return result.options.map((o) => ({
		id: o.id,
		label: o.label,
		value: o.averageRank === null ? 0 : n + 1 - o.averageRank,
		text:
			o.averageRank === null
				? m.pollui_not_ranked()
				: m.pollui_average_rank({ rank: formatDecimal(o.averageRank, getLocale()) })
	}));
}

/** "Gemiddelde 2,7, mediaan 2,5": the same figures, in the same notation, as the report. */
export function scaleSummary(result: Extract<QuestionResult, { type: 'scale' }>, locale = getLocale()): string {
	return m.pollui_scale_summary({ mean: formatDecimal(result.mean, locale), median: formatDecimal(result.median, locale) }, { locale });
}
