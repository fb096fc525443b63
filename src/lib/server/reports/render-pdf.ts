import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import type { QuestionResult } from '../../realtime/poll-results.ts';
import { parseMarkdown, type Inline } from '../../text/markdown.ts';
import { formatAmsterdam } from '../meetings/amsterdam-time.ts';
import type { MeetingReport, ReportCard, ReportTable } from './report-model.ts';
import type { ReportLabels } from './report-labels.ts';

// The meeting report as a PDF, made on the server without a browser (pdfmake on pdfkit): headings in a
// table of contents, page numbers, and charts drawn as vector bars.

const require = createRequire(import.meta.url);
type PdfMake = typeof import('pdfmake');
let configured: PdfMake | null = null;

/** pdfmake, with its own Roboto fonts and no access to any URL or to files other than those fonts. */
function pdfmake(): PdfMake {
	if (configured) return configured;
	const lib = require('pdfmake') as PdfMake;
	const fonts = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
	lib.setFonts({
		Roboto: {
			normal: join(fonts, 'Roboto-Regular.ttf'),
			bold: join(fonts, 'Roboto-Medium.ttf'),
			italics: join(fonts, 'Roboto-Italic.ttf'),
			bolditalics: join(fonts, 'Roboto-MediumItalic.ttf')
		}
	});
	lib.setUrlAccessPolicy(() => false);
	lib.setLocalAccessPolicy((path) => path.startsWith(fonts));
	configured = lib;
	return lib;
}

const INK = '#1b1b1b';
const BAR = '#0b4f8a';
const BAR_BACK = '#e6edf4';
const BAR_WIDTH = 220;

function inline(parts: Inline[]): Content[] {
	return parts.map((p) => ({ text: p.text, bold: p.strong ?? false, italics: p.em ?? false }));
}

/** The facilitator's Markdown subset as PDF blocks (text only: nothing in it is ever markup here). */
function markdown(source: string | null, l: ReportLabels): Content[] {
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
function bars(rows: Array<{ label: string; value: number; shown: string }>, max: number): Content {
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

function dataTable(head: string[], rows: Array<Array<string | number>>): Content {
	const body: TableCell[][] = [
		head.map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' })),
		...rows.map((r) => r.map((c) => ({ text: String(c), alignment: typeof c === 'number' ? ('right' as const) : ('left' as const) })))
	];
	return { table: { headerRows: 1, widths: head.map((_, i) => (i === 0 || head.length === 2 ? '*' : 'auto')), body }, layout: 'lightHorizontalLines', margin: [0, 4, 0, 10], fontSize: 9 };
}

function commentList(list: Array<{ text: string; name: string | null }>): Content {
	return { ul: list.map((c) => ({ text: c.name ? `${c.text} — ${c.name}` : c.text, fontSize: 9 })), margin: [0, 0, 0, 8] };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
const one = (n: number | null) => (n === null ? '—' : n.toLocaleString('nl-NL', { maximumFractionDigits: 1 }));

function result(r: QuestionResult, l: ReportLabels): Content[] {
	switch (r.type) {
		case 'single':
		case 'multiple': {
			const out: Content[] = [bars(r.options.map((o) => ({ label: o.label, value: o.count, shown: `${o.count} (${percent(o.share)})` })), Math.max(1, ...r.options.map((o) => o.count)))];
			const explained = r.options.flatMap((o) => o.explanations.map((e) => ({ ...e, text: `${o.label}: ${e.text}` })));
			if (explained.length) out.push({ text: l.explanations, bold: true }, commentList(explained));
			return out;
		}
		case 'ranking': {
			const out: Content[] = [
				bars(r.options.map((o) => ({ label: `${o.place}. ${o.label}`, value: o.borda, shown: String(o.borda) })), Math.max(1, ...r.options.map((o) => o.borda))),
				dataTable([l.place, l.option, l.borda, l.averageRank], r.options.map((o) => [o.place, o.label, o.borda, one(o.averageRank)]))
			];
			if (r.explanations.length) out.push({ text: l.explanations, bold: true }, commentList(r.explanations));
			return out;
		}
		case 'scale': {
			const out: Content[] = [
				bars(r.distribution.map((d) => ({ label: String(d.value), value: d.count, shown: String(d.count) })), Math.max(1, ...r.distribution.map((d) => d.count))),
				{ text: `${l.mean}: ${one(r.mean)} · ${l.median}: ${one(r.median)}`, margin: [0, 0, 0, 8] }
			];
			if (r.explanations.length) out.push({ text: l.explanations, bold: true }, commentList(r.explanations));
			return out;
		}
		case 'text':
			return [r.answers.length ? commentList(r.answers) : { text: l.noAnswers, italics: true }];
	}
}

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
		{ text: t.name, style: 'h3', tocItem: true, tocStyle: { fontSize: 10 }, tocMargin: [14, 0, 0, 0] },
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
	const section = (n: number, title: string): Content => ({ text: `${n}. ${title}`, style: 'h2', tocItem: true });
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
		{ toc: { title: { text: l.contents, style: 'h2' } }, pageBreak: 'after' },
		section(++n, l.introduction),
		...markdown(report.introduction, l),
		section(++n, l.participation),
		{ text: l.participationSummary(report.participation.participants, report.participation.respondents, report.participation.answers), margin: [0, 0, 0, 8] },
		dataTable([l.sector, l.count], report.participation.bySector.map((r) => [l.sectorName(r.label), r.count])),
		dataTable([l.region, l.count], report.participation.byRegion.map((r) => [r.label, r.count])),
		section(++n, l.pollResults),
		...(report.poll.length === 0 ? [{ text: l.noPoll, italics: true } as Content] : []),
		...report.poll.flatMap((q, i): Content[] => [
			{ text: `${i + 1}. ${q.question.prompt}`, style: 'h3', tocItem: true, tocStyle: { fontSize: 10 }, tocMargin: [14, 0, 0, 0] },
			{ text: l.respondents(q.result.respondents), fontSize: 9, color: '#444444' },
			...result(q.result, l)
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
				report.plenary.items.map((i) => [i.tied ? `${i.rank}=` : i.rank, i.label, i.tableName ?? '—', i.votes, i.tableVotes])
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
	return {
		info: { title: m.title, subject: l.contents },
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

export async function renderReportPdf(report: MeetingReport, l: ReportLabels, locale: string): Promise<Uint8Array> {
	const doc = pdfmake().createPdf(reportDocument(report, l, locale));
	return new Uint8Array(await doc.getBuffer());
}
