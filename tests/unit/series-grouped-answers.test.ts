import { mapInOrder } from '../../src/lib/server/in-order.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { createTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { participants, pollQuestions, pollResponses } from '../../src/lib/server/db/schema.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { buildSeriesSummary, type SeriesSummary } from '../../src/lib/server/reports/series-model.ts';
import { renderSeriesMarkdown } from '../../src/lib/server/reports/render-series-markdown.ts';
import { renderSeriesPdf } from '../../src/lib/server/reports/render-series-pdf.ts';
import { renderSeriesDocx } from '../../src/lib/server/reports/render-series-docx.ts';
import { seriesLabels } from '../../src/lib/i18n/series-labels.ts';

// The series summary groups what was said across meetings: nine people in two meetings who wrote the
// same sentence are one line with "(9×)" and the meetings it came from, never with a name.

const NINE = 'Meer tijd voor werkplekbegeleiding in de school';
const NEAR = 'De regio moet het partnerschap erkennen als gesprekspartner';
const NEAR_VARIANT = 'De regio moet ons partnerschap erkennen als gesprekspartner';

let db: Db;
let dispose: () => void;
let summary: SeriesSummary;
let texts: Record<'md' | 'pdf' | 'docx', string>;

/** Sets a meeting's open answers to the wordings given, dropping the rest. */
async function answerOpenQuestion(meetingId: string, wordings: string[]) {
	const open = (await db.select().from(pollQuestions).where(eq(pollQuestions.meetingId, meetingId))).find((q) => q.type === 'text')!;
	const rows = await db.select().from(pollResponses).where(and(eq(pollResponses.meetingId, meetingId), eq(pollResponses.questionId, open.id))).orderBy(asc(pollResponses.id));
	expect(rows.length).toBeGreaterThanOrEqual(wordings.length);
	await mapInOrder(rows, async (r, i) =>
		i < wordings.length
			? await db.update(pollResponses).set({ value: wordings[i] }).where(eq(pollResponses.id, r.id))
			: await db.delete(pollResponses).where(eq(pollResponses.id, r.id)));
}

beforeAll(async () => {
	({ db, dispose } = createTestDb());
	const { userId } = await facilitatorWithMeeting(db);
	const spring = await createRealisticMeeting(db, userId, { now: 1, seed: 11, participants: 40, title: 'Voorjaar' });
	const autumn = await createRealisticMeeting(db, userId, { now: 1, seed: 99, participants: 60, title: 'Najaar' });
	await answerOpenQuestion(spring.meetingId, [...Array(5).fill(NINE), NEAR]);
	await answerOpenQuestion(autumn.meetingId, [...Array(4).fill(NINE), NEAR, NEAR_VARIANT]);
	summary = await buildSeriesSummary(db, 'Reeks', [spring.meetingId, autumn.meetingId]);
	const l = seriesLabels();
	const now = Date.UTC(2024, 0, 2);
	const pdf = await getDocumentProxy(await renderSeriesPdf(summary, l, 'nl-NL', now));
	texts = {
		md: renderSeriesMarkdown(summary, l, 'nl-NL', now).replace(/\s+/g, ' '),
		pdf: (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, ' '),
		docx: (await mammoth.extractRawText({ buffer: Buffer.from(await renderSeriesDocx(summary, l, 'nl-NL', now)) })).value.replace(/\s+/g, ' ')
	};
}, 60_000);
afterAll(() => dispose());

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('the series summary groups what was said across meetings', () => {
	it('groups the answers of both meetings to a compared question, with the meetings as their source', () => {
		const open = summary.compared.find((q) => q.type === 'text')!;
		expect(open.said[0]).toMatchObject({ text: NINE, count: 9 });
		expect(new Set(open.said[0].variants[0].who)).toEqual(new Set(['Voorjaar', 'Najaar']));
		expect(open.said[1]).toMatchObject({ text: NEAR, count: 3, variants: [{ text: NEAR, count: 2 }, { text: NEAR_VARIANT, count: 1, who: ['Najaar'] }] });
	});

	for (const format of ['md', 'pdf', 'docx'] as const) {
		it(`prints nine identical answers once with (9×) and near-identical ones together, in ${format}`, () => {
			const text = texts[format];
			expect(occurrences(text, NINE)).toBe(1);
			expect(text).toContain(`${NINE} (9×) — Voorjaar, Najaar`);
			expect(text).toContain(`${NEAR} (3×)`);
			expect(text).toContain(`ook zo verwoord: ${NEAR_VARIANT} — Najaar`);
		});
	}

	it('never names a participant beside what was said', async () => {
		const names = (await db.select({ name: participants.displayName }).from(participants)).map((p) => p.name);
		for (const text of Object.values(texts)) for (const name of names) expect(text).not.toContain(`— ${name}`);
	});
});
