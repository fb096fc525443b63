import type { ReportLabels } from './report-labels.ts';

// The extra words of the series summary; it speaks the meeting report's words for everything else.
export interface SeriesLabels extends ReportLabels {
	summaryOf(meetings: number): string;
	made: string;
	meetings: string;
	meeting: string;
	participantsHeader: string;
	respondentsHeader: string;
	compared: string;
	/** Heads the grouped answers of an open question. */
	openAnswers: string;
	comparedIntro: string;
	noCompared: string;
	shift: string;
	byTheme: string;
	keyQuestion: string;
	theme: string;
	cluster: string;
	topOverall: string;
	/** The title of a summary of hand-picked meetings. */
	selection: string;
	/** The sheet of the raw data. */
	sheet: string;
}

