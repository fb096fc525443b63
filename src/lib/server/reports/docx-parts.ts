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
import { namesOf, saidLines, saidOf, type Origin, type SaidGroup } from './said-groups.ts';
import type { QuestionResult } from '../../realtime/poll-results.ts';
import { parseMarkdown, type Inline } from '../../text/markdown.ts';
import type { ReportLabels } from './report-labels.ts';

// The Word pieces both reports (a meeting's and a series summary) are built with: real headings (so
// Word's navigation and table of contents work), real tables, poll results, the facilitator's Markdown
// and the document frame with page numbers. Everything stays editable in Word and LibreOffice.

export type Block = Paragraph | Table;

export const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading: level });
export const para = (text: string, options: { italics?: boolean; bold?: boolean } = {}) =>
	new Paragraph({ children: [new TextRun({ text, ...options })] });

function runs(parts: Inline[]): ParagraphChild[] {
	return parts.map((p) => new TextRun({ text: p.text, bold: p.strong, italics: p.em }));
}

export function markdown(source: string | null, l: ReportLabels): Block[] {
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

export function table(head: string[], rows: Array<Array<string | number>>): Table {
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

export const bullet = (text: string, level = 0) => new Paragraph({ text, bullet: { level } });
export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Grouped answers: a bullet per group, its other wordings one level under it. */
export function saidBullets<W>(groups: ReadonlyArray<SaidGroup<W>>, l: ReportLabels, whoOf: (who: W[]) => string[]): Paragraph[] {
	return saidLines(groups, l, whoOf).flatMap((g) => [bullet(g.line), ...g.variants.map((v) => bullet(v, 1))]);
}

export function result(r: QuestionResult, l: ReportLabels, said: ReadonlyArray<SaidGroup<Origin>> = saidOf(r)): Block[] {
	const explained = said.length ? [para(l.explanations, { bold: true }), ...saidBullets(said, l, namesOf)] : [];
	switch (r.type) {
		case 'single':
		case 'multiple':
			return [table([l.option, l.count, l.share], r.options.map((o) => [o.label, o.count, percent(o.share)])), ...explained];
		case 'ranking':
			return [
				table([l.place, l.option, l.borda, l.averageRank], r.options.map((o) => [o.place, o.label, o.borda, l.number(o.averageRank)])),
				...explained
			];
		case 'scale':
			return [
				table([l.value, l.count], r.distribution.map((d) => [d.value, d.count])),
				para(`${l.mean}: ${l.number(r.mean)} · ${l.median}: ${l.number(r.median)}`),
				...explained
			];
		case 'text':
			return said.length ? saidBullets(said, l, namesOf) : [para(l.noAnswers, { italics: true })];
	}
}


/** The contents heading and Word's own table of contents (filled in when Word opens the file). */
export function contents(l: ReportLabels): Array<Paragraph | TableOfContents> {
	return [heading(l.contents, HeadingLevel.HEADING_1), new TableOfContents(l.contents, { hyperlink: true, headingStyleRange: '1-3' })];
}

/** The document frame of every report: one section with page numbers in the footer. */
export function docxDocument(title: string, children: Array<Block | TableOfContents>): Document {
	return new Document({
		title,
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
				children
			}
		]
	});
}

export async function packDocx(doc: Document): Promise<Uint8Array> {
	return new Uint8Array(await Packer.toBuffer(doc));
}
