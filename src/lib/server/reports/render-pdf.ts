import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatAmsterdam } from '../meetings/amsterdam-time.ts';
import type { MeetingReport, ReportCard, ReportTable } from './report-model.ts';
import type { ReportLabels } from './report-labels.ts';
import { plenaryRow } from './plenary-rows.ts';
import { INK, dataTable, markdown, pdfDocument, renderPdf, result, sectionHeading, subHeading, tableOfContents } from './pdf-parts.ts';

// The meeting report as a PDF, made on the server without a browser (pdfmake on pdfkit): headings in a
// table of contents, page numbers, and charts drawn as vector bars (the pieces live in pdf-parts.ts).

function cardItem(card: ReportCard, l: ReportLabels): Content {
	const line = `${card.text} (${l.votes(card.votes)})${card.author ? ` — ${l.by(card.author)}` : ''}`;
	if (card.merged.length === 0) return { text: line };
	return [
		{ text: line },
		{ ul: card.merged.map((m) => ({ text: `${l.alsoAsked}: ${m.text}${m.author ? ` — ${l.by(m.author)}` : ''}`, color: '#444444' })) }
	];
}

function tableSection(t: ReportTable, l: ReportLabels): Content[] {
	const out: Content[] = [
		subHeading(t.name),
		{ text: [t.topic ? { text: `${t.topic} — `, italics: true } : '', l.cardsAndVotes(t.cards, t.votes)], margin: [0, 0, 0, 6] }
	];
	if (t.themes.length === 0) out.push({ text: l.noCards, italics: true });
	for (const group of t.themes) {
		out.push({ text: `${group.theme?.name ?? l.unsorted} (${l.votes(group.votes)})`, style: 'h4', color: group.theme?.color ?? INK });
		const items: Content[] = [
			...group.clusters.map((c): Content => [{ text: `${c.name} (${l.votes(c.votes)})`, bold: true }, { ul: c.cards.map((card) => cardItem(card, l)) }]),
			...group.cards.map((card) => cardItem(card, l))
		];
		out.push({ ul: items, fontSize: 10, margin: [0, 0, 0, 6] });
	}
	return out;
}

/** The whole report as the definition pdfmake lays out. */
export function reportDocument(report: MeetingReport, l: ReportLabels, locale: string): TDocumentDefinitions {
	const m = report.meeting;
	const section = sectionHeading;
	let n = 0;
	const content: Content[] = [
		{ text: m.title, style: 'title' },
		{
			table: {
				widths: ['auto', '*'],
				body: [
					...(m.startsAt !== null ? [[{ text: l.date, bold: true }, formatAmsterdam(m.startsAt, locale)]] : []),
					...(m.place ? [[{ text: l.location, bold: true }, m.place]] : []),
					...(m.series ? [[{ text: l.series, bold: true }, m.series]] : []),
					...(m.facilitators.length ? [[{ text: l.facilitators, bold: true }, m.facilitators.join(', ')]] : [])
				]
			},
			layout: 'noBorders',
			margin: [0, 0, 0, 12]
		},
		...(m.final ? [] : [{ text: l.draftNotice, italics: true, margin: [0, 0, 0, 12] } as Content]),
		tableOfContents(l),
		section(++n, l.introduction),
		...markdown(report.introduction, l),
		section(++n, l.participation),
		{ text: l.participationSummary(report.participation.participants, report.participation.respondents, report.participation.answers), margin: [0, 0, 0, 8] },
		dataTable([l.sector, l.count], report.participation.bySector.map((r) => [l.sectorName(r.label), r.count])),
		dataTable([l.region, l.count], report.participation.byRegion.map((r) => [r.label, r.count])),
		section(++n, l.pollResults),
		...(report.poll.length === 0 ? [{ text: l.noPoll, italics: true } as Content] : []),
		...report.poll.flatMap((q, i): Content[] => [
			subHeading(`${i + 1}. ${q.question.prompt}`),
			{ text: l.respondents(q.result.respondents), fontSize: 9, color: '#444444' },
			...result(q.result, l, q.said)
		]),
		section(++n, l.tables),
		...report.tables.flatMap((t) => tableSection(t, l))
	];
	if (report.plenary) {
		content.push(
			section(++n, l.plenary),
			{ text: l.plenaryIntro(report.plenary.budget), margin: [0, 0, 0, 6] },
			dataTable(
				[l.place, l.item, l.table, l.plenaryVotes, l.tableVotes],
				report.plenary.items.map((i) => plenaryRow(i, l))
			)
		);
	}
	content.push(
		section(++n, l.topQuestions),
		report.topQuestions.length
			? dataTable([l.place, l.item, l.table, l.votesHeader], report.topQuestions.map((i) => [i.tied ? `${i.rank}=` : i.rank, i.label, i.table, i.votes]))
			: { text: l.noCards, italics: true },
		section(++n, l.conclusions),
		...markdown(report.conclusions, l),
		{ text: l.nextSteps, style: 'h3' },
		...markdown(report.nextSteps, l),
		section(++n, l.appendix),
		dataTable([l.table, l.cardsHeader, l.votesHeader], report.tables.map((t) => [t.name, t.cards, t.votes]))
	);
	return pdfDocument(m.title, l.contents, content);
}

export async function renderReportPdf(report: MeetingReport, l: ReportLabels, locale: string): Promise<Uint8Array> {
	return renderPdf(reportDocument(report, l, locale));
}
