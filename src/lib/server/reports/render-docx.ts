import {
	AlignmentType,
	Document,
	Footer,
	HeadingLevel,
	Packer,
	PageNumber,
	Paragraph,
	Table,
	TableCell,
	TableOfContents,
	TableRow,
	TextRun,
	WidthType,
	type ParagraphChild
} from 'docx';
import type { QuestionResult } from '../../realtime/poll-results.ts';
import { parseMarkdown, type Inline } from '../../text/markdown.ts';
import { formatAmsterdam } from '../meetings/amsterdam-time.ts';
import type { MeetingReport, ReportCard, ReportTable } from './report-model.ts';
import type { ReportLabels } from './report-labels.ts';

// The meeting report as a Word document: real headings (so Word's navigation and table of contents
// work), real tables, page numbers; everything stays editable in Word and LibreOffice.

type Block = Paragraph | Table;

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading: level });
const para = (text: string, options: { italics?: boolean; bold?: boolean } = {}) =>
	new Paragraph({ children: [new TextRun({ text, ...options })] });

function runs(parts: Inline[]): ParagraphChild[] {
	return parts.map((p) => new TextRun({ text: p.text, bold: p.strong, italics: p.em }));
}

function markdown(source: string | null, l: ReportLabels): Block[] {
	if (!source) return [para(l.notWritten, { italics: true })];
	return parseMarkdown(source).flatMap((block): Block[] => {
		switch (block.kind) {
			case 'heading':
				return [new Paragraph({ children: runs(block.content), heading: HeadingLevel.HEADING_4 })];
			case 'list':
				return block.items.map((item) => new Paragraph({ children: runs(item), bullet: { level: 0 } }));
			case 'paragraph':
				return [new Paragraph({ children: block.lines.flatMap((line, i) => (i === 0 ? runs(line) : [new TextRun({ break: 1 }), ...runs(line)])) })];
		}
	});
}

function table(head: string[], rows: Array<Array<string | number>>): Table {
	const cell = (value: string | number, bold = false) =>
		new TableCell({
			children: [
				new Paragraph({
					alignment: typeof value === 'number' ? AlignmentType.RIGHT : AlignmentType.LEFT,
					children: [new TextRun({ text: String(value), bold })]
				})
			]
		});
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: [
			new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
			...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))
		]
	});
}

const bullet = (text: string, level = 0) => new Paragraph({ text, bullet: { level } });
const percent = (share: number) => `${Math.round(share * 100)}%`;
const one = (n: number | null) => (n === null ? '—' : n.toLocaleString('nl-NL', { maximumFractionDigits: 1 }));

function comments(list: Array<{ text: string; name: string | null }>): Paragraph[] {
	return list.map((c) => bullet(c.name ? `${c.text} — ${c.name}` : c.text));
}

function result(r: QuestionResult, l: ReportLabels): Block[] {
	const explained = (list: Array<{ text: string; name: string | null }>) =>
		list.length ? [para(l.explanations, { bold: true }), ...comments(list)] : [];
	switch (r.type) {
		case 'single':
		case 'multiple':
			return [
				table([l.option, l.count, l.share], r.options.map((o) => [o.label, o.count, percent(o.share)])),
				...explained(r.options.flatMap((o) => o.explanations.map((e) => ({ ...e, text: `${o.label}: ${e.text}` }))))
			];
		case 'ranking':
			return [
				table([l.place, l.option, l.borda, l.averageRank], r.options.map((o) => [o.place, o.label, o.borda, one(o.averageRank)])),
				...explained(r.explanations)
			];
		case 'scale':
			return [
				table([l.value, l.count], r.distribution.map((d) => [d.value, d.count])),
				para(`${l.mean}: ${one(r.mean)} · ${l.median}: ${one(r.median)}`),
				...explained(r.explanations)
			];
		case 'text':
			return r.answers.length ? comments(r.answers) : [para(l.noAnswers, { italics: true })];
	}
}

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
		heading(l.contents, HeadingLevel.HEADING_1),
		new TableOfContents(l.contents, { hyperlink: true, headingStyleRange: '1-3' })
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
		...report.poll.flatMap((q, i) => [heading(`${i + 1}. ${q.question.prompt}`, HeadingLevel.HEADING_2), para(l.respondents(q.result.respondents)), ...result(q.result, l)]),
		section(l.tables),
		...report.tables.flatMap((t) => tableSection(t, l))
	];
	if (report.plenary) {
		body.push(
			section(l.plenary),
			para(l.plenaryIntro(report.plenary.budget)),
			table(
				[l.place, l.item, l.table, l.plenaryVotes, l.tableVotes],
				report.plenary.items.map((i) => [i.tied ? `${i.rank}=` : i.rank, i.label, i.tableName ?? '—', i.votes, i.tableVotes])
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
	return new Document({
		title: m.title,
		creator: 'Denktafel',
		// Word fills the table of contents in when it opens the file.
		features: { updateFields: true },
		sections: [
			{
				footers: {
					default: new Footer({
						children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES] })] })]
					})
				},
				children: [...cover, ...body]
			}
		]
	});
}

export async function renderReportDocx(report: MeetingReport, l: ReportLabels, locale: string): Promise<Uint8Array> {
	return new Uint8Array(await Packer.toBuffer(reportDocx(report, l, locale)));
}
