import { beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import mammoth from 'mammoth';
import { createTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, signIn } from '../helpers/fixtures.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { buildMeetingReport, type MeetingReport } from '../../src/lib/server/reports/report-model.ts';
import { runPlenaryCommand } from '../../src/lib/server/plenary/plenary-round.ts';
import { renderReportPdf } from '../../src/lib/server/reports/render-pdf.ts';
import { renderReportDocx } from '../../src/lib/server/reports/render-docx.ts';
import { renderReportMarkdown } from '../../src/lib/server/reports/render-markdown.ts';
import { reportLabels } from '../../src/lib/i18n/report-labels.ts';

// A question merged into another table's item in the plenary round shows on the projector; the
// report's plenary table must list it too, with its own table, in every format.
let report: MeetingReport;
let merged: { label: string; tableName: string };
let target: { label: string; tableName: string };

const squash = (s: string) => s.replace(/\s+/g, ' ');
/** The text between the plenary heading and the next section's heading. */
function plenarySection(text: string): string {
	const start = text.lastIndexOf('Plenaire ronde');
	const end = text.indexOf('Belangrijkste kernvragen van alle tafels', start);
	expect(start).toBeGreaterThan(-1);
	expect(end).toBeGreaterThan(start);
	return text.slice(start, end);
}

beforeAll(async () => {
	const { db, dispose } = createTestDb();
	const { userId } = await facilitatorWithMeeting(db);
	const made = await createRealisticMeeting(db, userId, { now: 1 });
	const facilitator = (await signIn(db, { userId })).actor;
	const run = async (input: Record<string, unknown>, id: string) => {
		const r = await runPlenaryCommand(db, facilitator, made.meetingId, { commandId: `merge-${id}`, ...input }, 5);
		if (!r.ok) throw new Error(`plenary ${String(input.type)} refused: ${r.reason}`);
	};
	await run({ type: 'plenary.start', topN: 1, budget: 3 }, 'start');
	const items = (await buildMeetingReport(db, made.meetingId))!.plenary!.items;
	const into = items[0];
	const source = items.find((i) => i.tableName !== into.tableName)!;
	await run({ type: 'plenary.merge', itemId: source.id, intoItemId: into.id }, 'merge');
	report = (await buildMeetingReport(db, made.meetingId))!;
	dispose();
	merged = { label: source.label, tableName: source.tableName! };
	target = { label: into.label, tableName: into.tableName! };
}, 60_000);

describe('a plenary merge in the report', () => {
	it('keeps the merged item and its table in the model', () => {
		const item = report.plenary!.items.find((i) => i.label === target.label)!;
		expect(item.merged).toEqual([{ label: merged.label, tableName: merged.tableName }]);
		expect(item.tables).toEqual([target.tableName, merged.tableName]);
		expect(report.plenary!.items.some((i) => i.label === merged.label)).toBe(false);
	});

	it('lists the merged question and both tables in the PDF', async () => {
		const bytes = await renderReportPdf(report, reportLabels(), 'nl-NL');
		const text = (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text;
		const section = squash(plenarySection(text));
		expect(section).toContain(squash(merged.label).slice(0, 30));
		expect(section).toContain(merged.tableName);
		expect(section).toContain(target.tableName);
	}, 60_000);

	it('lists the merged question and both tables in the DOCX', async () => {
		const bytes = await renderReportDocx(report, reportLabels(), 'nl-NL');
		const text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
		const section = squash(plenarySection(text));
		expect(section).toContain(squash(merged.label));
		expect(section).toContain(merged.tableName);
		expect(section).toContain(target.tableName);
	}, 60_000);

	it('lists the merged question and both tables in the Markdown', () => {
		const markdown = renderReportMarkdown(report, reportLabels(), 'nl-NL').replace(/\\/g, '');
		const section = plenarySection(markdown);
		const row = section.split('\n').find((line) => line.includes(target.label)) ?? section;
		expect(row).toContain(merged.label);
		expect(row).toContain(`${target.tableName}, ${merged.tableName}`);
	});
});
