import { m } from '../paraglide/messages.js';
import type { SeriesLabels } from '../server/reports/series-labels.ts';
import { reportLabels } from './report-labels.ts';

/** The series summary's words in the language of the current request. */
export function seriesLabels(): SeriesLabels {
	return {
		...reportLabels(),
		summaryOf: (count) => m.i6s_summary_of({ count }),
		made: m.i6s_made(),
		meetings: m.i6s_meetings(),
		meeting: m.i6s_meeting(),
		participantsHeader: m.i6s_participants(),
		respondentsHeader: m.i6s_respondents(),
		compared: m.i6s_compared(),
		openAnswers: m.group_open_answers(),
		comparedIntro: m.i6s_compared_intro(),
		noCompared: m.i6s_no_compared(),
		shift: m.i6s_shift(),
		byTheme: m.i6s_by_theme(),
		keyQuestion: m.i6s_key_question(),
		theme: m.i6s_theme(),
		cluster: m.i6s_cluster(),
		topOverall: m.i6s_top_overall(),
		selection: m.i6s_selection(),
		sheet: m.i6s_sheet()
	};
}
