import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { createTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting } from '../helpers/fixtures.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { buildMeetingReport } from '../../src/lib/server/reports/report-model.ts';
import { renderReportPdf } from '../../src/lib/server/reports/render-pdf.ts';
import { markdownResult } from '../../src/lib/server/reports/render-markdown.ts';
import { reportLabels } from '../../src/lib/i18n/report-labels.ts';
import { aggregateQuestion } from '../../src/lib/realtime/poll-results.ts';
import type { Ballot, PollQuestionView } from '../../src/lib/realtime/meeting-doc.ts';
import { averageRankRows, scaleSummary } from '../../src/lib/components/poll/bars.ts';
import { formatDecimal } from '../../src/lib/text/numbers.ts';

const question = (over: Partial<PollQuestionView>): PollQuestionView => ({
	id: 'q',
	key: 'q',
	position: 'a0',
	type: 'scale',
	prompt: 'Vraag?',
	help: null,
	required: true,
	options: [],
	maxChoices: null,
	scaleMin: 1,
	scaleMax: 5,
	scaleMinLabel: null,
	scaleMaxLabel: null,
	allowExplanation: true,
	revealed: true,
	...over
});
const ballot = (id: string, value: Ballot['value'], explanation: string | null = null): Ballot => ({
	id,
	questionId: 'q',
	value,
	explanation,
	sector: 'po',
	regionId: null,
	name: null
});

describe('figures on screen and in the report', () => {
	// 1, 2, 2, 3, 4, 4: mean 2.666…, median 2.5.
	const scale = aggregateQuestion(question({}), [1, 2, 2, 3, 4, 4].map((v, i) => ballot(`b${i}`, v)));
	if (scale.type !== 'scale') throw new Error('scale expected');

	it('use Dutch notation in Dutch and English notation in English', () => {
		expect(formatDecimal(2.6667, 'nl')).toBe('2,7');
		expect(formatDecimal(2.6667, 'en')).toBe('2.7');
		expect(formatDecimal(1234.5, 'nl-NL')).toBe('1.234,5');
		expect(formatDecimal(null, 'nl')).toBe('—');
	});

	it('agree between the web poll results and the report', () => {
		expect(scaleSummary(scale, 'nl')).toBe('Gemiddelde 2,7, mediaan 2,5');
		expect(scaleSummary(scale, 'en')).toBe('Mean 2.7, median 2.5');
		expect(markdownResult(scale, reportLabels())).toContain('Gemiddelde: 2,7 · Mediaan: 2,5');
	});

	it('show an average rank in the same notation', () => {
		const ranking = aggregateQuestion(
			question({ type: 'ranking', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }] }),
			[ballot('1', ['a', 'b', 'c']), ballot('2', ['b', 'a', 'c']), ballot('3', ['a', 'c', 'b'])]
		);
		if (ranking.type !== 'ranking') throw new Error('ranking expected');
		const texts = averageRankRows(ranking).map((r) => r.text);
		expect(texts).toContain('gemiddeld plaats 1,3');
		expect(markdownResult(ranking, reportLabels())).toContain('| 1,3 |');
	});
});

describe('a multiple-choice explanation in the report', () => {
	it('is printed once, with every option its author chose', () => {
		const q = question({ type: 'multiple', maxChoices: 3, options: [{ id: 'a', label: 'Besturen' }, { id: 'b', label: 'De regio' }, { id: 'c', label: 'Niemand' }] });
		const result = aggregateQuestion(q, [ballot('1', ['a', 'b'], 'Samen sterk in de regio'), ballot('2', ['c'])]);
		const markdown = markdownResult(result, reportLabels());
		expect(markdown.split('Samen sterk in de regio').length - 1).toBe(1);
		expect(markdown).toContain('Besturen, De regio: Samen sterk in de regio');
	});
});

describe('the PDF tables', () => {
	let text: string;
	beforeAll(async () => {
		const { db, dispose } = createTestDb();
		const { userId } = await facilitatorWithMeeting(db);
		const made = await createRealisticMeeting(db, userId, { now: 1 });
		const report = (await buildMeetingReport(db, made.meetingId))!;
		dispose();
		const bytes = await renderReportPdf(report, reportLabels(), 'nl-NL');
		text = (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text.replace(/\s+/g, ' ');
	}, 60_000);

	it('keep a short header such as "Plek" on one line', () => {
		expect(text).toContain('Plek Kernvraag of cluster Tafel Stemmen');
		expect(text).not.toMatch(/Ple k\b/);
	});
});

/** Every .svelte file under a folder. */
function svelteFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return svelteFiles(path);
		return path.endsWith('.svelte') ? [path] : [];
	});
}

describe('text right after {#if …} in a component', () => {
	// Svelte drops whitespace at the start of a block, so `{a}{#if b} — {b}{/if}` renders "a— b". Write
	// the separator as an expression (`{' — '}` or a template literal) instead.
	it('never relies on a leading space', () => {
		const offenders = svelteFiles('src')
			.flatMap((f) =>
				readFileSync(f, 'utf8')
					.split('\n')
					.map((line, i) => ({ line, where: `${f}:${i + 1}` }))
					.filter(({ line }) => /\{[#:](?:if|else)[^}]*\} +[^\s<{]/.test(line))
					.map(({ where }) => where)
			);
		expect(offenders).toEqual([]);
	});
});
