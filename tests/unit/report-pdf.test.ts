import { beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { createTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting } from '../helpers/fixtures.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { buildMeetingReport, type MeetingReport } from '../../src/lib/server/reports/report-model.ts';
import { renderReportPdf } from '../../src/lib/server/reports/render-pdf.ts';
import { reportLabels } from '../../src/lib/i18n/report-labels.ts';

// Read back as text, the way a reader (or pdftotext) sees it.
let report: MeetingReport;
let text: string;
let pages: number;

beforeAll(async () => {
	const { db, dispose } = createTestDb();
	const { userId } = await facilitatorWithMeeting(db);
	const made = await createRealisticMeeting(db, userId, { now: 1 });
	report = (await buildMeetingReport(db, made.meetingId))!;
	dispose();
	const bytes = await renderReportPdf(report, reportLabels(), 'nl-NL');
	const pdf = await getDocumentProxy(bytes);
	const extracted = await extractText(pdf, { mergePages: true });
	text = extracted.text.replace(/\s+/g, ' ');
	pages = extracted.totalPages;
}, 60_000);

describe('the PDF report', () => {
	it('has every section, in a table of contents too, and page numbers', () => {
		expect(text).toContain('Inhoud');
		for (const heading of ['1. Inleiding', '2. Deelname', '3. Resultaten van de poll', '4. Per gesprekstafel', '5. Belangrijkste kernvragen van alle tafels', '6. Conclusies', '7. Bijlage: cijfers']) {
			// Once in the table of contents, once as the heading.
			expect(text.split(heading).length - 1).toBeGreaterThanOrEqual(2);
		}
		expect(pages).toBeGreaterThan(3);
		expect(text).toContain(`1 / ${pages}`);
		expect(text).toContain(`${pages} / ${pages}`);
	});

	it('names every theme and the top key questions', () => {
		for (const theme of ['Governance', 'Financiën', 'Kwaliteit']) expect(text).toContain(theme);
		for (const item of report.topQuestions.slice(0, 5)) expect(text).toContain(item.label.replace(/\s+/g, ' ').slice(0, 40));
		expect(text).toContain(report.meeting.title);
	});
});
