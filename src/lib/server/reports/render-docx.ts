import { HeadingLevel, Paragraph, TextRun, type Document, type TableOfContents } from 'docx';
import { formatAmsterdam } from '../meetings/amsterdam-time.ts';
import type { MeetingReport, ReportCard, ReportTable } from './report-model.ts';
import type { ReportLabels } from './report-labels.ts';
import { plenaryRow } from './plenary-rows.ts';
import { bullet, contents, docxDocument, heading, markdown, packDocx, para, result, table, type Block } from './docx-parts.ts';

// The meeting report as a Word document (the pieces live in docx-parts.ts).

function cardLines(card: ReportCard, l: ReportLabels, level: number): Paragraph[] {
	return [
		bullet(`${card.text} (${l.votes(card.votes)})${card.author ? ` — ${l.by(card.author)}` : ''}`, level),
		...card.merged.map((m) => bullet(`${l.alsoAsked}: ${m.text}${m.author ? ` — ${l.by(m.author)}` : ''}`, level + 1))
	];
}

function tableSection(t: ReportTable, l: ReportLabels): Block[] {
	const out: Block[] = [
		heading(t.name, HeadingLevel.HEADING_3),
		para(`${t.topic ? `${t.topic} — ` : ''}${l.cardsAndVotes(t.cards, t.votes)}`, { italics: !!t.topic })
	];
	if (t.themes.length === 0) out.push(para(l.noCards, { italics: true }));
	for (const group of t.themes) {
		out.push(heading(`${group.theme?.name ?? l.unsorted} (${l.votes(group.votes)})`, HeadingLevel.HEADING_4));
		for (const cluster of group.clusters) {
			out.push(new Paragraph({ children: [new TextRun({ text: `${cluster.name} (${l.votes(cluster.votes)})`, bold: true })], bullet: { level: 0 } }));
			for (const card of cluster.cards) out.push(...cardLines(card, l, 1));
		}
		for (const card of group.cards) out.push(...cardLines(card, l, 0));
	}
	return out;
}

export function reportDocx(report: MeetingReport, l: ReportLabels, locale: string): Document {
	const m = report.meeting;
	let n = 0;
	const section = (title: string) => heading(`${++n}. ${title}`, HeadingLevel.HEADING_1);
	const cover: Array<Block | TableOfContents> = [
		new Paragraph({ text: m.title, heading: HeadingLevel.TITLE }),
		...(m.startsAt !== null ? [para(`${l.date}: ${formatAmsterdam(m.startsAt, locale)}`)] : []),
		...(m.place ? [para(`${l.location}: ${m.place}`)] : []),
		...(m.series ? [para(`${l.series}: ${m.series}`)] : []),
		...(m.facilitators.length ? [para(`${l.facilitators}: ${m.facilitators.join(', ')}`)] : []),
		...(m.final ? [] : [para(l.draftNotice, { italics: true })]),
		...contents(l)
	];
	const p = report.participation;
	const body: Block[] = [
		section(l.introduction),
		...markdown(report.introduction, l),
		section(l.participation),
		para(l.participationSummary(p.participants, p.respondents, p.answers)),
		table([l.sector, l.count], p.bySector.map((r) => [l.sectorName(r.label), r.count])),
		para(''),
		table([l.region, l.count], p.byRegion.map((r) => [r.label, r.count])),
		section(l.pollResults),
		...(report.poll.length ? [] : [para(l.noPoll, { italics: true })]),
		...report.poll.flatMap((q, i) => [heading(`${i + 1}. ${q.question.prompt}`, HeadingLevel.HEADING_2), para(l.respondents(q.result.respondents)), ...result(q.result, l, q.said)]),
		section(l.tables),
		...report.tables.flatMap((t) => tableSection(t, l))
	];
	if (report.plenary) {
		body.push(
			section(l.plenary),
			para(l.plenaryIntro(report.plenary.budget)),
			table(
				[l.place, l.item, l.table, l.plenaryVotes, l.tableVotes],
				report.plenary.items.map((i) => plenaryRow(i, l))
			)
		);
	}
	body.push(
		section(l.topQuestions),
		report.topQuestions.length
			? table([l.place, l.item, l.table, l.votesHeader], report.topQuestions.map((i) => [i.tied ? `${i.rank}=` : i.rank, i.label, i.table, i.votes]))
			: para(l.noCards, { italics: true }),
		section(l.conclusions),
		...markdown(report.conclusions, l),
		heading(l.nextSteps, HeadingLevel.HEADING_2),
		...markdown(report.nextSteps, l),
		section(l.appendix),
		table([l.table, l.cardsHeader, l.votesHeader], report.tables.map((t) => [t.name, t.cards, t.votes]))
	);
	return docxDocument(m.title, [...cover, ...body]);
}

export async function renderReportDocx(report: MeetingReport, l: ReportLabels, locale: string): Promise<Uint8Array> {
	return packDocx(reportDocx(report, l, locale));
}
