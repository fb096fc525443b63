import { mapInOrder } from '../../src/lib/server/in-order.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { meetings, participants, pollResponses } from '../../src/lib/server/db/schema.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { buildMeetingReport, type ReportCard } from '../../src/lib/server/reports/report-model.ts';
import { runPlenaryCommand } from '../../src/lib/server/plenary/plenary-round.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

async function fixture(anonymous = false) {
	const { userId } = await facilitatorWithMeeting(db);
	const made = await createRealisticMeeting(db, userId, { now: 1 });
	if (anonymous) await db.update(meetings).set({ anonymous: true }).where(eq(meetings.id, made.meetingId));
	return { ...made, userId };
}

const descending = (list: Array<{ votes: number }>) => list.every((x, i) => i === 0 || list[i - 1].votes >= x.votes);

describe('the meeting report model', () => {
	it('counts participation and answers as SQL has them', async () => {
		const m = await fixture();
		const report = (await buildMeetingReport(db, m.meetingId))!;
		expect(report.meeting).toMatchObject({ title: expect.any(String), anonymous: false, final: false, facilitators: ['Fien Facilitator'] });
		expect(report.participation.participants).toBe(100);
		const responses = await db.select().from(pollResponses).where(eq(pollResponses.meetingId, m.meetingId));
		expect(report.participation.answers).toBe(responses.length);
		expect(report.participation.respondents).toBe(new Set(responses.map((r) => r.participantId)).size);
		expect(report.participation.bySector.reduce((s, r) => s + r.count, 0)).toBe(100);
		expect(report.poll).toHaveLength(6);
		expect(report.poll.every((q) => q.result.respondents <= q.answers)).toBe(true);
	});

	it('groups each table by theme and cluster, most votes first, with the top questions of the room', async () => {
		const m = await fixture();
		const report = (await buildMeetingReport(db, m.meetingId))!;
		expect(report.tables).toHaveLength(6);
		const allVotes = report.tables.reduce((s, t) => s + t.votes, 0);
		expect(allVotes).toBe(m.votes);
		for (const table of report.tables) {
			const cards: ReportCard[] = table.themes.flatMap((g) => [...g.cards, ...g.clusters.flatMap((c) => c.cards)]);
			expect(cards).toHaveLength(table.cards);
			for (const group of table.themes) {
				expect(descending(group.clusters)).toBe(true);
				expect(descending(group.cards)).toBe(true);
				for (const cluster of group.clusters) expect(cluster.votes).toBe(cluster.cards.reduce((s, c) => s + c.votes, 0));
			}
			// The unsorted group, when there is one, comes last.
			expect(table.themes.slice(0, -1).every((g) => g.theme !== null)).toBe(true);
		}
		expect(report.tables[1].themes.map((g) => g.theme?.name ?? null)).toContain('Financiën');
		expect(report.topQuestions.length).toBeGreaterThanOrEqual(10);
		expect(descending(report.topQuestions)).toBe(true);
		expect(report.topQuestions[0].rank).toBe(1);
		expect(report.plenary).toBeNull();
	});

	it('shows both rounds once a plenary round ran: each table\'s top items with their table votes, then the room\'s ranking', async () => {
		const m = await fixture();
		const facilitator = (await signIn(db, { userId: m.userId })).actor;
		const run = async (actor: typeof facilitator, input: Record<string, unknown>, id: string) => {
			const r = await runPlenaryCommand(db, actor, m.meetingId, { commandId: `report-plenary-${id}`, ...input }, 5);
			if (!r.ok) throw new Error(`plenary ${String(input.type)} refused: ${r.reason}`);
			return r;
		};
		await run(facilitator, { type: 'plenary.start', topN: 1, budget: 3 }, 'start');
		const before = (await buildMeetingReport(db, m.meetingId))!;
		// Round one: every table's own top item (ties included) with the votes it had at its table.
		const tables = new Set(before.plenary!.items.map((i) => i.tableName));
		expect(tables).toEqual(new Set(before.tables.map((t) => t.name)));
		for (const item of before.plenary!.items) {
			const atTable = before.allItems.filter((x) => x.table === item.tableName);
			expect(item.tableVotes).toBe(atTable[0].votes);
			expect(item.tableRank).toBe(1);
		}
		// Round two: the whole room votes; the last item of round one becomes the room's first.
		await run(facilitator, { type: 'plenary.phase', phase: 'vote' }, 'vote');
		const target = before.plenary!.items[before.plenary!.items.length - 1];
		await mapInOrder(m.participantIds.slice(0, 4), async (pid, i) => run((await signIn(db, { participantId: pid })).actor, { type: 'plenary.vote', itemId: target.id }, `v${i}`));
		const after = (await buildMeetingReport(db, m.meetingId))!;
		expect(after.plenary!.items[0]).toMatchObject({ id: target.id, votes: 4, rank: 1, tied: false, tableVotes: target.tableVotes });
		expect(after.plenary!.items.slice(1).every((i) => i.votes === 0 && i.rank === 2)).toBe(true);
		// The tables' own results are untouched by the plenary votes.
		expect(after.tables.map((t) => t.votes)).toEqual(before.tables.map((t) => t.votes));
	});

	it('carries no name at all for an anonymous meeting', async () => {
		const m = await fixture(true);
		const report = (await buildMeetingReport(db, m.meetingId))!;
		const text = JSON.stringify(report);
		const names = await db.select({ name: participants.displayName }).from(participants).where(eq(participants.meetingId, m.meetingId));
		expect(names.length).toBe(100);
		for (const { name } of names) expect(text).not.toContain(name);
		const named = JSON.stringify(await buildMeetingReport(db, (await fixture(false)).meetingId));
		expect(names.some(({ name }) => named.includes(name.split(' ')[0]))).toBe(true);
	});
});
