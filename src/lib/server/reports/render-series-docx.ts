import { HeadingLevel, Paragraph, TextRun } from 'docx';
import { formatAmsterdam } from '../meetings/amsterdam-time.ts';
import { contents, docxDocument, heading, packDocx, para, saidBullets, table, type Block } from './docx-parts.ts';
import { comparisonRespondents, comparisonTable, saidHeading } from './series-comparison.ts';
import { meetingsOf } from './said-groups.ts';
import type { SeriesSummary } from './series-model.ts';
import type { SeriesLabels } from './series-labels.ts';

// The series summary as a Word document with the meeting report's pieces: a heading per section, per
// compared question and per theme, real tables, Word's table of contents and page numbers.

export function renderSeriesDocx(summary: SeriesSummary, l: SeriesLabels, locale: string, now: number): Promise<Uint8Array> {
	let n = 0;
	const section = (title: string) => heading(`${++n}. ${title}`, HeadingLevel.HEADING_1);
	const body: Block[] = [
		section(l.meetings),
		table(
			[l.meeting, l.date, l.participantsHeader, l.respondentsHeader],
			summary.meetings.map((m) => [m.title, m.startsAt === null ? '—' : formatAmsterdam(m.startsAt, locale), m.participants, m.respondents])
		),
		section(l.compared),
		para(summary.compared.length ? l.comparedIntro : l.noCompared, { italics: summary.compared.length === 0 }),
		...summary.compared.flatMap((q) => {
			const t = comparisonTable(q, l);
			const said = q.said.length ? [para(saidHeading(q, l), { bold: true }), ...saidBullets(q.said, l, meetingsOf)] : [];
			return [heading(q.prompt, HeadingLevel.HEADING_2), para(comparisonRespondents(q, l)), table(t.head, t.rows), ...said];
		}),
		section(l.byTheme),
		...(summary.byTheme.length ? [] : [para(l.noCards, { italics: true })]),
		...summary.byTheme.flatMap((group) => [
			heading(group.theme ?? l.unsorted, HeadingLevel.HEADING_2),
			table(
				[l.keyQuestion, l.votesHeader, l.meeting, l.table, l.cluster],
				group.questions.map((q) => [q.text, q.votes, q.meeting, q.table, q.cluster ?? '—'])
			)
		]),
		section(l.topOverall),
		summary.top.length
			? table([l.place, l.item, l.meeting, l.table, l.votesHeader], summary.top.map((i) => [i.tied ? `${i.rank}=` : i.rank, i.label, i.meeting, i.table, i.votes]))
			: para(l.noCards, { italics: true })
	];
	const cover = [
		new Paragraph({ text: summary.title, heading: HeadingLevel.TITLE }),
		new Paragraph({ children: [new TextRun({ text: l.summaryOf(summary.meetings.length), italics: true })] }),
		para(`${l.made}: ${formatAmsterdam(now, locale)}`),
		...contents(l)
	];
	return packDocx(docxDocument(summary.title, [...cover, ...body]));
}
