import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { meetings, series } from '../../src/lib/server/db/schema.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { buildSeriesSummary, seriesMeetingIds } from '../../src/lib/server/reports/series-model.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

async function twoMeetingsInASeries() {
	const { userId } = await facilitatorWithMeeting(db);
	db.insert(series).values({ id: 'seriesaaaaaaaaaaaaaa', title: 'Het partnerschap als onderdeel van de onderwijsregio', createdBy: userId }).run();
	// Different seeds: the same questions, answered differently.
	const spring = createRealisticMeeting(db, userId, { now: 1, seed: 11, participants: 40, title: 'Voorjaar' });
	const autumn = createRealisticMeeting(db, userId, { now: 1, seed: 99, participants: 60, title: 'Najaar' });
	db.update(meetings).set({ seriesId: 'seriesaaaaaaaaaaaaaa', startsAt: Date.UTC(2023, 9, 1) }).where(eq(meetings.id, autumn.meetingId)).run();
	db.update(meetings).set({ seriesId: 'seriesaaaaaaaaaaaaaa', startsAt: Date.UTC(2023, 3, 1) }).where(eq(meetings.id, spring.meetingId)).run();
	return { spring, autumn };
}

describe('the series summary', () => {
	it('lists the meetings by date with their participation', async () => {
		const { spring, autumn } = await twoMeetingsInASeries();
		const found = seriesMeetingIds(db, 'seriesaaaaaaaaaaaaaa')!;
		expect(found.meetingIds).toEqual([spring.meetingId, autumn.meetingId]);
		const summary = buildSeriesSummary(db, found.title, found.meetingIds);
		expect(summary.meetings.map((m) => [m.title, m.participants])).toEqual([
			['Voorjaar', 40],
			['Najaar', 60]
		]);
	});

	it('puts the same question of two meetings side by side, matched by its key, so a shift shows', async () => {
		const { spring, autumn } = await twoMeetingsInASeries();
		const summary = buildSeriesSummary(db, 'Reeks', [spring.meetingId, autumn.meetingId]);
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
		const summary = buildSeriesSummary(db, 'Reeks', [spring.meetingId, autumn.meetingId]);
		expect(summary.byTheme.map((t) => t.theme)).toEqual(['Financiën', 'Governance', 'Kwaliteit', null]);
		const all = summary.byTheme.flatMap((t) => t.questions);
		expect(new Set(all.map((q) => q.meeting))).toEqual(new Set(['Voorjaar', 'Najaar']));
		expect(all.every((q) => q.table.startsWith('Tafel'))).toBe(true);
		expect(summary.top[0].rank).toBe(1);
		expect(summary.top.every((t, i) => i === 0 || summary.top[i - 1].votes >= t.votes)).toBe(true);
		expect(summary.top.length).toBeGreaterThanOrEqual(15);
	});
});
