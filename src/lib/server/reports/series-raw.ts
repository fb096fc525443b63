import type { Cell } from '../csv/formula.ts';
import { utcToAmsterdam } from '../meetings/amsterdam-time.ts';
import type { SeriesSummary } from './series-model.ts';
import type { SeriesLabels } from './series-labels.ts';

// The series' raw data for CSV and XLSX: one row per key question, with its meeting (and date), table,
// theme, cluster and votes. No author column: a summary crosses meetings, some of them anonymous.
// Cells are made formula-safe by the writers.

export function seriesRawTable(summary: SeriesSummary, l: SeriesLabels): { header: string[]; rows: Cell[][] } {
	const dates = new Map(summary.meetings.map((m) => [m.title, m.startsAt === null ? '' : utcToAmsterdam(m.startsAt).date]));
	const rows: Cell[][] = [];
	for (const group of summary.byTheme) {
		for (const q of group.questions) {
			rows.push([q.meeting, dates.get(q.meeting) ?? '', q.table, group.theme ?? l.unsorted, q.cluster ?? '', q.text, q.votes]);
		}
	}
	return { header: [l.meeting, l.date, l.table, l.theme, l.cluster, l.keyQuestion, l.votesHeader], rows };
}
