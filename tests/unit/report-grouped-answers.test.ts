import { mapInOrder } from '../../src/lib/server/in-order.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { createTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { meetings, participants, pollQuestions, pollResponses } from '../../src/lib/server/db/schema.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { buildMeetingReport, type MeetingReport } from '../../src/lib/server/reports/report-model.ts';
import { renderReportMarkdown } from '../../src/lib/server/reports/render-markdown.ts';
import { renderReportPdf } from '../../src/lib/server/reports/render-pdf.ts';
import { renderReportDocx } from '../../src/lib/server/reports/render-docx.ts';
import { reportLabels } from '../../src/lib/i18n/report-labels.ts';
import { groupSaid } from '../../src/lib/server/reports/said-groups.ts';

// The report groups what was said: nine people who wrote the same sentence are one line with "(9×)",
// a near-identical wording sits under its group, and every distinct wording can still be read.

const NINE = 'Meer tijd voor werkplekbegeleiding in de school';
const NEAR = 'De regio moet het partnerschap erkennen als gesprekspartner';
const NEAR_VARIANT = 'De regio moet ons partnerschap erkennen als gesprekspartner';
const EXPLAINED = 'Er is te weinig tijd om dit goed te regelen';

let db: Db;
let dispose: () => void;

beforeAll(() => {
	({ db, dispose } = createTestDb());
});
afterAll(() => dispose());

/** The fixture meeting with its open question's answers and a ranking question's explanations set to known words. */
async function meetingWithKnownAnswers(anonymous: boolean): Promise<MeetingReport> {
	const { userId } = await facilitatorWithMeeting(db, { email: `f-${anonymous}@example.nl` });
	const made = await createRealisticMeeting(db, userId, { now: 1 });
	await db.update(meetings).set({ anonymous }).where(eq(meetings.id, made.meetingId));
	const questions = await db.select().from(pollQuestions).where(eq(pollQuestions.meetingId, made.meetingId));
	const open = questions.find((q) => q.type === 'text')!;
	const ranking = questions.find((q) => q.type === 'ranking')!;
	const responses = async (questionId: string) =>
		await db.select().from(pollResponses).where(and(eq(pollResponses.meetingId, made.meetingId), eq(pollResponses.questionId, questionId))).orderBy(asc(pollResponses.id));
	const wordings = [...Array(9).fill(NINE), NEAR, NEAR, NEAR_VARIANT];
	await mapInOrder(await responses(open.id), async (r, i) =>
		i < wordings.length
			? await db.update(pollResponses).set({ value: wordings[i] }).where(eq(pollResponses.id, r.id))
			: await db.delete(pollResponses).where(eq(pollResponses.id, r.id)));
	await mapInOrder(await responses(ranking.id), async (r, i) =>
		await db.update(pollResponses).set({ explanation: i < 4 ? EXPLAINED : null }).where(eq(pollResponses.id, r.id)));
	return (await buildMeetingReport(db, made.meetingId))!;
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

async function pdfText(report: MeetingReport) {
	const pdf = await getDocumentProxy(await renderReportPdf(report, reportLabels(), 'nl-NL'));
	return (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, ' ');
}

async function docxText(report: MeetingReport) {
	const bytes = await renderReportDocx(report, reportLabels(), 'nl-NL');
	return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value.replace(/\s+/g, ' ');
}

describe('the report groups what was said', () => {
	let anonymous: MeetingReport;
	let named: MeetingReport;
	let texts: Record<'md' | 'pdf' | 'docx', string>;
	beforeAll(async () => {
		anonymous = await meetingWithKnownAnswers(true);
		named = await meetingWithKnownAnswers(false);
		texts = {
			md: renderReportMarkdown(anonymous, reportLabels(), 'nl-NL').replace(/\s+/g, ' '),
			pdf: await pdfText(anonymous),
			docx: await docxText(anonymous)
		};
	}, 60_000);

	it('keeps every answer in the model, grouped with its count and each wording', () => {
		const open = anonymous.poll.find((q) => q.question.type === 'text')!;
		expect(open.said[0]).toMatchObject({ text: NINE, count: 9, variants: [{ text: NINE, count: 9 }] });
		expect(open.said[1]).toMatchObject({ text: NEAR, count: 3, variants: [{ text: NEAR, count: 2 }, { text: NEAR_VARIANT, count: 1 }] });
		expect(open.said.reduce((n, g) => n + g.count, 0)).toBe(open.result.type === 'text' ? open.result.answers.length : -1);
	});

	for (const format of ['md', 'pdf', 'docx'] as const) {
		it(`prints nine identical answers once with (9×), and near-identical ones together, in ${format}`, () => {
			const text = texts[format];
			expect(occurrences(text, NINE)).toBe(1);
			expect(text).toContain(`${NINE} (9×)`);
			expect(text).toContain(`${NEAR} (3×)`);
			// The other wording stays readable, under its group.
			expect(text).toContain(`ook zo verwoord: ${NEAR_VARIANT}`);
			expect(text.indexOf(NEAR_VARIANT)).toBeGreaterThan(text.indexOf(`${NEAR} (3×)`));
			// Explanations too.
			expect(occurrences(text, EXPLAINED)).toBe(1);
			expect(text).toContain(`${EXPLAINED} (4×)`);
		});
	}

	it('adds no name in an anonymous meeting, and names each wording’s authors in a named one', async () => {
		const names = (await db.select({ name: participants.displayName }).from(participants)).map((p) => p.name);
		for (const text of Object.values(texts)) for (const name of names) expect(text).not.toContain(`— ${name}`);

		const open = named.poll.find((q) => q.question.type === 'text')!;
		const authors = open.said[0].variants[0].who.map((w) => w.name);
		expect(authors).toHaveLength(9);
		const markdown = renderReportMarkdown(named, reportLabels(), 'nl-NL');
		const line = markdown.split('\n').find((l) => l.includes(NINE))!;
		for (const name of authors) expect(line).toContain(name!);
		const variantLine = markdown.split('\n').find((l) => l.includes(NEAR_VARIANT))!;
		expect(variantLine).toMatch(/^ {2}- ook zo verwoord: .+ — \S/);
	});
});

describe('explanations of a choice question', () => {
	it('group only with explanations of the same options: "Ja: geen tijd" is not "Nee: geen tijd"', () => {
		const groups = groupSaid([
			{ text: 'Geen tijd voor overleg', options: ['Ja'], who: 1 },
			{ text: 'Geen tijd voor overleg', options: ['Nee'], who: 2 },
			{ text: 'geen tijd voor overleg!', options: ['Ja'], who: 3 }
		]);
		expect(groups).toEqual([
			{ options: ['Ja'], text: 'Geen tijd voor overleg', count: 2, variants: [{ text: 'Geen tijd voor overleg', count: 2, who: [1, 3] }] },
			{ options: ['Nee'], text: 'Geen tijd voor overleg', count: 1, variants: [{ text: 'Geen tijd voor overleg', count: 1, who: [2] }] }
		]);
	});
});
