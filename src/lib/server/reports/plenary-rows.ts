import type { ReportPlenaryItem } from './report-model.ts';
import type { ReportLabels } from './report-labels.ts';

// One row of the plenary ranking, the same in every format: a merged question stays visible under the
// item it joined, with its table, as the projector showed it. `escape` lets Markdown escape what people typed.

export type PlenaryRow = [place: string, item: string, tables: string, roomVotes: number, tableVotes: number];

export function plenaryRow(item: ReportPlenaryItem, l: ReportLabels, escape: (text: string) => string = (t) => t): PlenaryRow {
	const also = item.merged.map((m) => `${escape(m.label)} (${escape(m.tableName ?? '—')})`).join('; ');
	return [
		item.tied ? `${item.rank}=` : String(item.rank),
		also ? `${escape(item.label)} — ${l.alsoAsked}: ${also}` : escape(item.label),
		item.tables.length ? item.tables.map(escape).join(', ') : '—',
		item.votes,
		item.tableVotes
	];
}
