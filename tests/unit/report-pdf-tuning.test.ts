import { createRequire } from 'node:module';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDocumentProxy } from 'unpdf';
import type { Content } from 'pdfmake/interfaces';
import { createTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting } from '../helpers/fixtures.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { buildMeetingReport, type MeetingReport } from '../../src/lib/server/reports/report-model.ts';
import { renderReportPdf } from '../../src/lib/server/reports/render-pdf.ts';
import { pdfDocument, renderPdf } from '../../src/lib/server/reports/pdf-parts.ts';
import { joinedInlines, pdfmakeTuning, styleProperty } from '../../src/lib/server/reports/pdfmake-tuning.ts';
import { reportLabels } from '../../src/lib/i18n/report-labels.ts';

// The PDF tuning (pdfmake-tuning.ts, pdfmake-fonts.ts) must change the speed and nothing a reader
// sees: the same pages, the same text, every piece of text at the same place with the same width.

interface Piece {
	str: string;
	x: number;
	y: number;
	end: number;
	size: number;
}

/** Each page's text pieces with their places, as pdf.js reads them (it joins touching pieces). */
async function pieces(bytes: Uint8Array): Promise<Piece[][]> {
	const doc = await getDocumentProxy(bytes);
	const pages: Piece[][] = [];
	for (let p = 1; p <= doc.numPages; p++) {
		const content = await (await doc.getPage(p)).getTextContent();
		pages.push(
			content.items.flatMap((i) => ('str' in i && i.str ? [{ str: i.str, x: i.transform[4], y: i.transform[5], end: i.transform[4] + i.width, size: i.transform[0] }] : []))
		);
	}
	return pages;
}

async function both(render: () => Promise<Uint8Array>) {
	pdfmakeTuning.enabled = false;
	const stock = await render();
	pdfmakeTuning.enabled = true;
	const tuned = await render();
	// (pdf.js takes the bytes over: note the sizes first.)
	const sizes = { stock: stock.length, tuned: tuned.length };
	return { sizes, stockPages: await pieces(stock), tunedPages: await pieces(tuned) };
}

function expectSameLook(stockPages: Piece[][], tunedPages: Piece[][]) {
	expect(tunedPages.length).toBe(stockPages.length);
	const round = (p: Piece) => ({ ...p, x: p.x.toFixed(2), y: p.y.toFixed(2), end: p.end.toFixed(2), size: p.size.toFixed(2) });
	tunedPages.forEach((page, i) => expect(page.map(round)).toEqual(stockPages[i].map(round)));
}

let report: MeetingReport;
beforeAll(async () => {
	const { db, dispose } = createTestDb();
	const { userId } = await facilitatorWithMeeting(db);
	report = (await buildMeetingReport(db, (await createRealisticMeeting(db, userId, { now: 1 })).meetingId))!;
	dispose();
}, 60_000);
afterEach(() => {
	pdfmakeTuning.enabled = true;
});

describe('the tuned PDF renderer', () => {
	it('is switched on for the pinned pdfmake (a new version must be checked before it is tuned again)', async () => {
		await renderReportPdf(report, reportLabels(), 'nl-NL');
		expect(pdfmakeTuning.applied).toBe(true);
		const require = createRequire(import.meta.url);
		expect((require('pdfmake/package.json') as { version: string }).version).toBe('0.3.11');
	});

	it('lays the meeting report out exactly like stock pdfmake, with less drawing', async () => {
		const { sizes, stockPages, tunedPages } = await both(() => renderReportPdf(report, reportLabels(), 'nl-NL'));
		expect(stockPages.length).toBeGreaterThan(3);
		expectSameLook(stockPages, tunedPages);
		// Words are drawn a line at a time instead of one by one.
		expect(sizes.tuned).toBeLessThan(sizes.stock * 0.9);
		// A second render (fonts and shaped words cached) is still the same document.
		expectSameLook(tunedPages, await pieces(await renderReportPdf(report, reportLabels(), 'nl-NL')));
	}, 60_000);

	it('keeps links, underlines, backgrounds, colours, justified and raised text as pdfmake draws them', async () => {
		const words = 'een zin met genoeg woorden om over meer dan een regel door te lopen, '.repeat(6);
		const content: Content[] = [
			{ text: 'Kop', style: 'h2', tocItem: true },
			{ toc: { title: { text: 'Inhoud' } } },
			{ text: [{ text: 'rood ', color: '#aa0000' }, 'zwart en ', { text: 'vet ', bold: true }, { text: 'schuin', italics: true }, ' weer gewoon'] },
			{ text: [{ text: 'een link ', link: 'https://example.org' }, 'en ', { text: 'onderstreept ', decoration: 'underline' }, { text: 'gemarkeerd', background: '#ffff00' }, { text: '2', sup: true }] },
			{ text: words, alignment: 'justify' },
			{ text: words, alignment: 'right', fontSize: 8 },
			{ text: words, characterSpacing: 1 },
			{ table: { headerRows: 1, body: [['kop a', 'kop b'], ...Array.from({ length: 80 }, (_, i) => [`rij ${i} met woorden`, `cel ${i}`])] } }
		];
		const { stockPages, tunedPages } = await both(() => renderPdf(pdfDocument('Proef', 'proef', content)));
		expect(tunedPages.length).toBeGreaterThan(1);
		expectSameLook(stockPages, tunedPages);
	});
});

describe('joining the words of a line', () => {
	const font = {};
	const word = (text: string, x: number, extra: Record<string, unknown> = {}) => ({ text, x, width: 10, font, fontSize: 10, color: 'black', opacity: 1, height: 12, ...extra });

	it('joins touching words of one look into one piece, without changing the words themselves', () => {
		const line = [word('a ', 0), word('b ', 10), word('c', 20)];
		const copy = structuredClone(line);
		const joined = joinedInlines(line);
		expect(joined).toHaveLength(1);
		expect(joined[0]).toMatchObject({ text: 'a b c', x: 0, width: 30 });
		// pdfmake shares these objects with copies of the line (repeated table headers).
		expect(line).toEqual(copy);
	});

	it('keeps apart words with another look, a gap (justified text) or anything attached', () => {
		expect(joinedInlines([word('a ', 0), word('b', 10, { color: 'red' })])).toHaveLength(2);
		expect(joinedInlines([word('a ', 0), word('b', 14)])).toHaveLength(2);
		expect(joinedInlines([word('a ', 0), word('b', 10, { font: {} })])).toHaveLength(2);
		for (const extra of [{ link: 'https://example.org' }, { linkToDestination: 'x' }, { _pageNodeRef: {} }, { decoration: 'underline' }, { background: 'yellow' }, { sup: true }]) {
			expect(joinedInlines([word('a ', 0), word('b', 10, extra)])).toHaveLength(2);
		}
	});
});

describe('the quicker style look-up', () => {
	const stack = (overrides: unknown[]) => ({
		styleDictionary: { h2: { fontSize: 16, extends: 'base' }, base: { color: 'blue', extends: 'loop' }, loop: { extends: 'base' }, quiet: {} },
		defaultStyle: { fontSize: 10, font: 'Roboto' },
		styleOverrides: overrides
	});

	it('answers like pdfmake: the item, its own styles, the stack top-down, the default', () => {
		const Styles = (createRequire(import.meta.url)('pdfmake/js/StyleContextStack') as { default: new (d: object, s: object) => { styleOverrides: unknown[] } }).default;
		const cases: Array<[Record<string, unknown>, unknown[]]> = [
			[{}, []],
			[{ fontSize: 12 }, ['h2']],
			[{ style: 'h2' }, [{ fontSize: 9 }]],
			[{ style: ['quiet', 'h2'] }, []],
			[{ section: true, style: 'h2' }, []],
			[{}, ['h2', { color: 'red' }]],
			[{}, [{ color: 'red' }, 'h2']],
			[{ color: null }, ['missing', 'quiet']]
		];
		for (const [item, overrides] of cases) {
			const ours = stack(overrides);
			const theirs = Object.assign(new Styles(ours.styleDictionary, ours.defaultStyle), { styleOverrides: [...overrides] });
			for (const property of ['fontSize', 'color', 'font', 'bold']) {
				pdfmakeTuning.enabled = false;
				const expected = (Styles as unknown as { getStyleProperty: typeof styleProperty }).getStyleProperty(item, theirs as never, property, 'fallback');
				pdfmakeTuning.enabled = true;
				expect(styleProperty(item, ours, property, 'fallback'), `${property} of ${JSON.stringify(item)} on ${JSON.stringify(overrides)}`).toEqual(expected);
			}
		}
	});
});
