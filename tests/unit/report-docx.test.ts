import { beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { createTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting } from '../helpers/fixtures.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { buildMeetingReport, type MeetingReport } from '../../src/lib/server/reports/report-model.ts';
import { renderReportDocx } from '../../src/lib/server/reports/render-docx.ts';
import { reportLabels } from '../../src/lib/i18n/report-labels.ts';

// Parsed back the way a word processor reads it: headings as headings, tables as tables.
let report: MeetingReport;
let html: string;

beforeAll(async () => {
	const { db, dispose } = createTestDb();
	const { userId } = await facilitatorWithMeeting(db);
	const made = await createRealisticMeeting(db, userId, { now: 1 });
	report = (await buildMeetingReport(db, made.meetingId))!;
	dispose();
	const bytes = await renderReportDocx(report, reportLabels(), 'nl-NL');
	// Headings carry bookmarks for the table of contents: drop them to read the text.
	html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value.replace(/<a id="[^"]*"><\/a>/g, '');
}, 60_000);

describe('the DOCX report', () => {
	it('opens, with a real heading per section, per table and per theme', () => {
		expect(html).toContain('<h1>1. Inleiding</h1>');
		expect(html).toContain('<h1>4. Per gesprekstafel</h1>');
		// The table of contents lists the sections, as links to them.
		expect(html).toMatch(/<a href="#_Toc\d+">4\. Per gesprekstafel/);
		for (const table of report.tables) expect(html).toContain(`<h3>${table.name}</h3>`);
		for (const theme of ['Governance', 'Financiën', 'Kwaliteit']) expect(html).toMatch(new RegExp(`<h4>${theme} \\(\\d+ stemmen\\)</h4>`));
	});

	it('holds real tables with the figures', () => {
		expect((html.match(/<table>/g) ?? []).length).toBeGreaterThan(8);
		expect(html).toContain('<td><p>po (primair onderwijs)</p></td>');
		expect(html).toContain(report.topQuestions[0].label);
	});
});
