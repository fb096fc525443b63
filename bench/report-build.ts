import { closeDatabase } from '../src/lib/server/db/client.ts';
// The report scenario for the benchmark harness (issue #7 runs it as a child process and reads the
// JSON): a meeting of 150 participants, 12 poll questions and 400 key questions, made with the app's
// own commands; then the time to build the report model, to render the PDF and the DOCX (aims: PDF
// under 2 s, DOCX under 1 s on the 2-core machine) and the peak resident memory.
// Usage: npx node bench/report-build.ts [--quick]   (no build needed: it runs the domain directly)
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { tempDataDir } from '../tests/helpers/app-server.ts';
import { facilitatorWithMeeting } from '../tests/helpers/fixtures.ts';
import { openDatabase } from '../src/lib/server/db/client.ts';
import { migrateDatabase } from '../src/lib/server/db/migrate.ts';
import { createLargeMeeting } from '../src/lib/server/fixtures/large-meeting.ts';
import { buildMeetingReport } from '../src/lib/server/reports/report-model.ts';
import { renderReportPdf } from '../src/lib/server/reports/render-pdf.ts';
import { renderReportDocx } from '../src/lib/server/reports/render-docx.ts';
import { renderReportMarkdown } from '../src/lib/server/reports/render-markdown.ts';
import { reportLabels } from '../src/lib/i18n/report-labels.ts';

const quick = process.argv.includes('--quick');
const SIZE = quick ? { participants: 50, questions: 12, cards: 120 } : { participants: 150, questions: 12, cards: 400 };
// Rendering is measured more than once: the first run pays for loading fonts and warming the JIT.
const RUNS = quick ? 2 : 4;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const round = (n: number) => Math.round(n * 10) / 10;
/** The median of the warm runs (the first one loads fonts and warms the JIT; it is reported apart). */
const warm = (xs: number[]) => {
	const rest = [...xs.slice(1)].sort((a, b) => a - b);
	return rest[Math.floor((rest.length - 1) / 2)];
};

async function timed<T>(job: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
	const start = performance.now();
	const value = await job();
	peakRss = Math.max(peakRss, process.memoryUsage().rss);
	return { ms: performance.now() - start, value };
}

const data = tempDataDir();
const db = openDatabase(data.dbPath);
try {
	migrateDatabase(db);
	const owner = await facilitatorWithMeeting(db);
	const setup = await timed(() => createLargeMeeting(db, owner.userId, { ...SIZE, now: Date.now() }));
	const labels = reportLabels();
	const model: number[] = [];
	const pdf: number[] = [];
	const docx: number[] = [];
	let sizes = { pdfKb: 0, docxKb: 0, mdKb: 0 };
	let report = (await buildMeetingReport(db, setup.value.meetingId))!;
	for (let i = 0; i < RUNS; i++) {
		const built = await timed(async () => (await buildMeetingReport(db, setup.value.meetingId))!);
		report = built.value;
		model.push(built.ms);
		const p = await timed(() => renderReportPdf(report, labels, 'nl-NL'));
		pdf.push(p.ms);
		const d = await timed(() => renderReportDocx(report, labels, 'nl-NL'));
		docx.push(d.ms);
		sizes = { pdfKb: round(p.value.length / 1024), docxKb: round(d.value.length / 1024), mdKb: round(renderReportMarkdown(report, labels, 'nl-NL').length / 1024) };
	}
	const cards = report.tables.reduce((s, t) => s + t.cards, 0);
	const result = {
		scenario: 'report-build',
		quick,
		figures: {
			modelMs: round(warm(model)),
			pdfMs: round(warm(pdf)),
			docxMs: round(warm(docx)),
			peakRssMb: round(peakRss / 1024 / 1024),
			firstPdfMs: round(pdf[0]),
			firstDocxMs: round(docx[0]),
			setupMs: round(setup.ms),
			participants: report.participation.participants,
			questions: report.poll.length,
			cards,
			votes: setup.value.votes,
			...sizes
		},
		aims: { pdfMs: 2000, docxMs: 1000 },
		machine: { cpus: os.cpus().length, node: process.version },
		at: new Date().toISOString()
	};
	mkdirSync('bench/results', { recursive: true });
	writeFileSync('bench/results/report-build.json', JSON.stringify(result, null, 2) + '\n');
	console.log(JSON.stringify(result, null, 2));
} finally {
	clearInterval(sampler);
	closeDatabase(db);
	data.remove();
}
