import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import type { QuestionResult } from '../../realtime/poll-results.ts';
import { parseMarkdown, type Inline } from '../../text/markdown.ts';
import { namesOf, saidLines, saidOf, type Origin, type SaidGroup } from './said-groups.ts';
import type { ReportLabels } from './report-labels.ts';
import { loadReportFonts } from './pdfmake-fonts.ts';
import { tunePdfmake } from './pdfmake-tuning.ts';

// The PDF pieces both reports (a meeting's and a series summary) are laid out with: pdfmake set up
// safely, vector bar charts, data tables, poll results, the facilitator's Markdown and the page frame
// (styles, page numbers).

const require = createRequire(import.meta.url);
type PdfMake = typeof import('pdfmake');
let configured: PdfMake | null = null;

/** pdfmake with Roboto from memory, tuned for long reports (pdfmake-tuning.ts), and no access to any
 * URL or local file. */
function pdfmake(): PdfMake {
	if (configured) return configured;
	const lib = require('pdfmake') as PdfMake;
	loadReportFonts(lib as unknown as Parameters<typeof loadReportFonts>[0]);
	tunePdfmake();
	lib.setUrlAccessPolicy(() => false);
	lib.setLocalAccessPolicy(() => false);
	configured = lib;
	return lib;
}

export const INK = '#1b1b1b';
const BAR = '#0b4f8a';
const BAR_BACK = '#e6edf4';
const BAR_WIDTH = 220;

function inline(parts: Inline[]): Content[] {
	return parts.map((p) => ({ text: p.text, bold: p.strong ?? false, italics: p.em ?? false }));
}

/** The facilitator's Markdown subset as PDF blocks (text only: nothing in it is ever markup here). */
export function markdown(source: string | null, l: ReportLabels): Content[] {
	if (!source) return [{ text: l.notWritten, italics: true, margin: [0, 0, 0, 8] }];
	return parseMarkdown(source).map((block): Content => {
		switch (block.kind) {
			case 'heading':
				return { text: inline(block.content), style: 'h4' };
			case 'list':
				return { ul: block.items.map((item) => ({ text: inline(item) })), margin: [0, 0, 0, 8] };
			case 'paragraph':
				return { text: block.lines.flatMap((line, i) => (i === 0 ? inline(line) : [{ text: '\n' }, ...inline(line)])), margin: [0, 0, 0, 8] };
		}
	});
}

/** A horizontal bar per row, drawn as vectors, with the label and the figure beside it. */
export function bars(rows: Array<{ label: string; value: number; shown: string }>, max: number): Content {
	return {
		table: {
			widths: ['*', BAR_WIDTH, 50],
			body: rows.map((r) => [
				{ text: r.label, fontSize: 9 },
				{
					canvas: [
						{ type: 'rect', x: 0, y: 2, w: BAR_WIDTH, h: 10, color: BAR_BACK },
						{ type: 'rect', x: 0, y: 2, w: max > 0 ? (BAR_WIDTH * r.value) / max : 0, h: 10, color: BAR }
					]
				},
				{ text: r.shown, fontSize: 9, alignment: 'right' }
			])
		},
		layout: 'noBorders',
		margin: [0, 4, 0, 8]
	};
}

export function dataTable(head: string[], rows: Array<Array<string | number>>): Content {
	const body: TableCell[][] = [
		head.map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' })),
		...rows.map((r) => r.map((c) => ({ text: String(c), alignment: typeof c === 'number' ? ('right' as const) : ('left' as const) })))
	];
	const star = widestColumn(head, rows);
	return { table: { headerRows: 1, widths: head.map((_, i) => (i === star ? '*' : 'auto')), body }, layout: 'lightHorizontalLines', margin: [0, 4, 0, 10], fontSize: 9 };
}

/**
 * The column with the longest text takes the free width and wraps; the others keep their natural
 * width. A fixed first star column squeezed short ones (a "Plek" header broke as "Ple / k").
 */
function widestColumn(head: string[], rows: Array<Array<string | number>>): number {
	let best = 0;
	let bestLength = -1;
	head.forEach((h, i) => {
		const length = Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length));
		if (length > bestLength) [best, bestLength] = [i, length];
	});
	return best;
}

/** Grouped answers: a bullet per group, its other wordings as bullets under it. */
export function saidList<W>(groups: ReadonlyArray<SaidGroup<W>>, l: ReportLabels, whoOf: (who: W[]) => string[]): Content {
	return {
		ul: saidLines(groups, l, whoOf).map((g): Content =>
			g.variants.length ? [{ text: g.line }, { ul: g.variants.map((v) => ({ text: v, color: '#444444' })) }] : { text: g.line }
		),
		fontSize: 9,
		margin: [0, 0, 0, 8]
	};
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** One poll question's result: a vector chart, its figures and the explanations given. */
export function result(r: QuestionResult, l: ReportLabels, said: ReadonlyArray<SaidGroup<Origin>> = saidOf(r)): Content[] {
	const explained: Content[] = said.length ? [{ text: l.explanations, bold: true }, saidList(said, l, namesOf)] : [];
	switch (r.type) {
		case 'single':
		case 'multiple': {
			const out: Content[] = [bars(r.options.map((o) => ({ label: o.label, value: o.count, shown: `${o.count} (${percent(o.share)})` })), Math.max(1, ...r.options.map((o) => o.count)))];
			return [...out, ...explained];
		}
		case 'ranking': {
			const out: Content[] = [
				bars(r.options.map((o) => ({ label: `${o.place}. ${o.label}`, value: o.borda, shown: String(o.borda) })), Math.max(1, ...r.options.map((o) => o.borda))),
				dataTable([l.place, l.option, l.borda, l.averageRank], r.options.map((o) => [o.place, o.label, o.borda, l.number(o.averageRank)]))
			];
			return [...out, ...explained];
		}
		case 'scale': {
			const out: Content[] = [
				bars(r.distribution.map((d) => ({ label: String(d.value), value: d.count, shown: String(d.count) })), Math.max(1, ...r.distribution.map((d) => d.count))),
				{ text: `${l.mean}: ${l.number(r.mean)} · ${l.median}: ${l.number(r.median)}`, margin: [0, 0, 0, 8] }
			];
			return [...out, ...explained];
		}
		case 'text':
			return [said.length ? saidList(said, l, namesOf) : { text: l.noAnswers, italics: true }];
	}
}

/** A numbered section heading that enters the table of contents. */
export const sectionHeading = (n: number, title: string): Content => ({ text: `${n}. ${title}`, style: 'h2', tocItem: true });
/** A sub-heading listed, indented, in the table of contents. */
export const subHeading = (text: string): Content => ({ text, style: 'h3', tocItem: true, tocStyle: { fontSize: 10 }, tocMargin: [14, 0, 0, 0] });
export const tableOfContents = (l: ReportLabels): Content => ({ toc: { title: { text: l.contents, style: 'h2' } }, pageBreak: 'after' });

/** The page frame of every report: A4, styles, page numbers in the footer. */
export function pdfDocument(title: string, subject: string, content: Content[]): TDocumentDefinitions {
	return {
		info: { title, subject },
		pageSize: 'A4',
		pageMargins: [50, 50, 50, 50],
		defaultStyle: { font: 'Roboto', fontSize: 10, color: INK, lineHeight: 1.2 },
		styles: {
			title: { fontSize: 22, bold: true, margin: [0, 0, 0, 12] },
			h2: { fontSize: 16, bold: true, margin: [0, 14, 0, 6] },
			h3: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
			h4: { fontSize: 11, bold: true, margin: [0, 6, 0, 2] }
		},
		footer: (page, pages) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 8, margin: [0, 20, 0, 0] }),
		content
	};
}

export async function renderPdf(doc: TDocumentDefinitions): Promise<Uint8Array> {
	return new Uint8Array(await pdfmake().createPdf(doc).getBuffer());
}
