import type { Content } from 'pdfmake/interfaces';
import { formatAmsterdam } from '../meetings/amsterdam-time.ts';
import { bars, dataTable, pdfDocument, renderPdf, saidList, sectionHeading, subHeading, tableOfContents } from './pdf-parts.ts';
import { comparisonRespondents, comparisonTable, saidHeading } from './series-comparison.ts';
import { meetingsOf } from './said-groups.ts';
import type { ComparedQuestion, SeriesSummary } from './series-model.ts';
import type { SeriesLabels } from './series-labels.ts';

// The series summary as a PDF, laid out with the meeting report's pieces: table of contents, page
// numbers, and for choice questions a vector bar per option and meeting, so a shift shows at a glance.

function shiftChart(q: ComparedQuestion): Content[] {
	if (q.type !== 'single' && q.type !== 'multiple') return [];
	return q.shares.map((row) => ({
		stack: [
			{ text: row.label, bold: true, fontSize: 9, margin: [0, 4, 0, 0] },
			bars(
				row.shares.map((share, i) => ({ label: q.meetings[i].title, value: share ?? 0, shown: share === null ? '—' : `${Math.round(share * 100)}%` })),
				1
			)
		],
		unbreakable: true
	}));
}

export function seriesDocument(summary: SeriesSummary, l: SeriesLabels, locale: string, now: number) {
	let n = 0;
	const content: Content[] = [
		{ text: summary.title, style: 'title' },
		{ text: l.summaryOf(summary.meetings.length), italics: true },
		{ text: `${l.made}: ${formatAmsterdam(now, locale)}`, margin: [0, 0, 0, 12] },
		tableOfContents(l),
		sectionHeading(++n, l.meetings),
		dataTable(
			[l.meeting, l.date, l.participantsHeader, l.respondentsHeader],
			summary.meetings.map((m) => [m.title, m.startsAt === null ? '—' : formatAmsterdam(m.startsAt, locale), m.participants, m.respondents])
		),
		sectionHeading(++n, l.compared),
		summary.compared.length ? { text: l.comparedIntro, margin: [0, 0, 0, 6] } : { text: l.noCompared, italics: true },
		...summary.compared.flatMap((q): Content[] => {
			const t = comparisonTable(q, l);
			return [
				subHeading(q.prompt),
				{ text: comparisonRespondents(q, l), fontSize: 9, color: '#444444' },
				dataTable(t.head, t.rows),
				...shiftChart(q),
				...(q.said.length ? [{ text: saidHeading(q, l), bold: true, margin: [0, 4, 0, 0] } as Content, saidList(q.said, l, meetingsOf)] : [])
			];
		}),
		sectionHeading(++n, l.byTheme),
		...(summary.byTheme.length ? [] : [{ text: l.noCards, italics: true } as Content]),
		...summary.byTheme.flatMap((group): Content[] => [
			subHeading(group.theme ?? l.unsorted),
			dataTable(
				[l.keyQuestion, l.votesHeader, l.meeting, l.table, l.cluster],
				group.questions.map((q) => [q.text, q.votes, q.meeting, q.table, q.cluster ?? '—'])
			)
		]),
		sectionHeading(++n, l.topOverall),
		summary.top.length
			? dataTable([l.place, l.item, l.meeting, l.table, l.votesHeader], summary.top.map((i) => [i.tied ? `${i.rank}=` : i.rank, i.label, i.meeting, i.table, i.votes]))
			: { text: l.noCards, italics: true }
	];
	return pdfDocument(summary.title, l.summaryOf(summary.meetings.length), content);
}

export function renderSeriesPdf(summary: SeriesSummary, l: SeriesLabels, locale: string, now: number): Promise<Uint8Array> {
	return renderPdf(seriesDocument(summary, l, locale, now));
}
