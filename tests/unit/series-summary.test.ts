import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { meetings, series } from '../../src/lib/server/db/schema.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { buildSeriesSummary, seriesMeetingIds } from '../../src/lib/server/reports/series-model.ts';
import { comparisonTable } from '../../src/lib/server/reports/series-comparison.ts';
import { renderSeriesMarkdown } from '../../src/lib/server/reports/render-series-markdown.ts';
import { seriesLabels } from '../../src/lib/i18n/series-labels.ts';
import { participants } from '../../src/lib/server/db/schema.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

async function twoMeetingsInASeries() {
	const { userId } = await facilitatorWithMeeting(db);
	await db.insert(series).values({ id: 'seriesaaaaaaaaaaaaaa', title: 'Het partnerschap als onderdeel van de onderwijsregio', createdBy: userId });
	// Different seeds: the same questions, answered differently.
	const spring = await createRealisticMeeting(db, userId, { now: 1, seed: 11, participants: 40, title: 'Voorjaar' });
	const autumn = await createRealisticMeeting(db, userId, { now: 1, seed: 99, participants: 60, title: 'Najaar' });
	await db.update(meetings).set({ seriesId: 'seriesaaaaaaaaaaaaaa', startsAt: Date.UTC(2023, 9, 1) }).where(eq(meetings.id, autumn.meetingId));
	await db.update(meetings).set({ seriesId: 'seriesaaaaaaaaaaaaaa', startsAt: Date.UTC(2023, 3, 1) }).where(eq(meetings.id, spring.meetingId));
	return { spring, autumn };
}

describe('the series summary', { timeout: 60_000 }, () => {
	it('lists the meetings by date with their participation', async () => {
		const { spring, autumn } = await twoMeetingsInASeries();
		const found = (await seriesMeetingIds(db, 'seriesaaaaaaaaaaaaaa'))!;
		expect(found.meetingIds).toEqual([spring.meetingId, autumn.meetingId]);
		const summary = await buildSeriesSummary(db, found.title, found.meetingIds);
		expect(summary.meetings.map((m) => [m.title, m.participants])).toEqual([
			['Voorjaar', 40],
			['Najaar', 60]
		]);
	});

	it('puts the same question of two meetings side by side, matched by its key, so a shift shows', async () => {
		const { spring, autumn } = await twoMeetingsInASeries();
		const summary = await buildSeriesSummary(db, 'Reeks', [spring.meetingId, autumn.meetingId]);
		expect(summary.compared).toHaveLength(6);
		const choice = summary.compared.find((q) => q.type === 'single')!;
		expect(choice.meetings.map((m) => m.title)).toEqual(['Voorjaar', 'Najaar']);
		expect(choice.shares.length).toBeGreaterThan(2);
		for (const row of choice.shares) expect(row.shares).toHaveLength(2);
		const first = choice.meetings[0].result;
		if (first.type !== 'single') throw new Error('expected a single-choice result');
		expect(choice.shares[0].shares[0]).toBe(first.options.find((o) => o.label === choice.shares[0].label)!.share);
		expect(choice.shares.some((row) => row.shares[0] !== row.shares[1])).toBe(true);
	});

	it('gathers all key questions by theme with their meeting and table, and ranks the most voted overall', async () => {
		const { spring, autumn } = await twoMeetingsInASeries();
		const summary = await buildSeriesSummary(db, 'Reeks', [spring.meetingId, autumn.meetingId]);
		expect(summary.byTheme.map((t) => t.theme)).toEqual(['Financiën', 'Governance', 'Kwaliteit', null]);
		const all = summary.byTheme.flatMap((t) => t.questions);
		expect(new Set(all.map((q) => q.meeting))).toEqual(new Set(['Voorjaar', 'Najaar']));
		expect(all.every((q) => q.table.startsWith('Tafel'))).toBe(true);
		expect(summary.top[0].rank).toBe(1);
		expect(summary.top.every((t, i) => i === 0 || summary.top[i - 1].votes >= t.votes)).toBe(true);
		expect(summary.top.length).toBeGreaterThanOrEqual(15);
	});

	it('draws each compared question as one table: a column per meeting and the shift in points', async () => {
		const { spring, autumn } = await twoMeetingsInASeries();
		const summary = await buildSeriesSummary(db, 'Reeks', [spring.meetingId, autumn.meetingId]);
		const choice = summary.compared.find((q) => q.type === 'single')!;
		const table = comparisonTable(choice, seriesLabels());
		expect(table.head).toEqual(['Antwoord', 'Voorjaar', 'Najaar', 'Verschuiving (pp)']);
		for (const [i, row] of choice.shares.entries()) {
			const [a, b] = row.shares as [number, number];
			const points = Math.round((b - a) * 100);
			expect(table.rows[i]).toEqual([row.label, `${Math.round(a * 100)}%`, `${Math.round(b * 100)}%`, points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0']);
		}
		const ranking = summary.compared.find((q) => q.type === 'ranking');
		if (ranking) expect(comparisonTable(ranking, seriesLabels()).rows.every((r) => r.length === 3)).toBe(true);
	});

	it('renders the summary as Markdown with every section and theme, and no name from an anonymous meeting', async () => {
		const { spring, autumn } = await twoMeetingsInASeries();
		await db.update(meetings).set({ anonymous: true }).where(eq(meetings.id, autumn.meetingId));
		const md = renderSeriesMarkdown(await buildSeriesSummary(db, 'Reeks *vet*', [spring.meetingId, autumn.meetingId]), seriesLabels(), 'nl-NL', Date.UTC(2024, 0, 2));
		expect(md).toMatch(/^# Reeks \\\*vet\\\*/);
		for (const heading of ['## 1. Opdenksessies', '## 2. Dezelfde vragen naast elkaar', '## 3. Kernvragen per thema', '## 4. Meeste stemmen in de hele reeks']) expect(md).toContain(heading);
		for (const theme of ['### Governance', '### Financiën', '### Kwaliteit']) expect(md).toContain(theme);
		const names = await db.select({ name: participants.displayName }).from(participants).where(eq(participants.meetingId, autumn.meetingId));
		for (const { name } of names) expect(md).not.toContain(name);
	});
});
