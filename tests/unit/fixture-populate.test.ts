import { mapInOrder } from '../../src/lib/server/in-order.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { addTable, facilitatorWithMeeting } from '../helpers/fixtures.ts';
import { populateMeeting } from '../../src/lib/server/fixtures/populate-meeting.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { listMeetingTables } from '../../src/lib/server/meetings/queries.ts';
import { loadBoardView } from '../../src/lib/server/boards/board-view.ts';
import { loadParticipantView } from '../../src/lib/server/boards/participant-view.ts';
import { participants, pollQuestions, pollResponses } from '../../src/lib/server/db/schema.ts';
import type { Db } from '../../src/lib/server/db/client.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

const opts = (n: string) => [1, 2, 3, 4, 5].map((i) => ({ id: `${n}${i}`, label: `Optie ${i}` }));

async function addQuestions(meetingId: string) {
	const base = { meetingId, required: true, updatedAt: 0 };
	await db.insert(pollQuestions)
		.values([
			{ ...base, id: 'qsingle', key: 'positie', position: 'a0', type: 'single', prompt: 'Positie?', options: opts('s'), allowExplanation: true },
			{ ...base, id: 'qmulti', key: 'regie', position: 'a1', type: 'multiple', prompt: 'Regie?', options: opts('m'), maxChoices: 2 },
			{ ...base, id: 'qrank', key: 'urgent', position: 'a2', type: 'ranking', prompt: 'Urgent?', options: opts('r') },
			{ ...base, id: 'qscale', key: 'context', position: 'a3', type: 'scale', prompt: 'Context?', scaleMin: 1, scaleMax: 5 },
			{ ...base, id: 'qtext', key: 'vraag', position: 'a4', type: 'text', prompt: 'Vraag?', required: false }
		]);
}

describe('the realistic meeting fixture', () => {
	it('seats 100 program leaders across tables, sectors and regions with valid answers', async () => {
		const m = await facilitatorWithMeeting(db);
		await addTable(db, m.meetingId);
		await addQuestions(m.meetingId);
		const { participantIds } = await populateMeeting(db, m.meetingId, { participants: 100, seed: 7, now: 1 });
		expect(participantIds).toHaveLength(100);
		const people = await db.select().from(participants).where(eq(participants.meetingId, m.meetingId));
		expect(new Set(people.map((p) => p.sector)).size).toBe(3);
		expect(new Set(people.map((p) => p.tableId)).size).toBe(2);
		expect(people.every((p) => p.regionId && p.partnershipId)).toBe(true);

		const responses = await db.select().from(pollResponses);
		const byQuestion = (id: string) => responses.filter((r) => r.questionId === id);
		expect(byQuestion('qsingle').length).toBeGreaterThan(70);
		for (const r of byQuestion('qsingle')) expect(opts('s').map((o) => o.id)).toContain((r.value as string[])[0]);
		for (const r of byQuestion('qmulti')) expect((r.value as string[]).length).toBeLessThanOrEqual(2);
		for (const r of byQuestion('qrank')) expect([...(r.value as string[])].sort()).toEqual(opts('r').map((o) => o.id));
		for (const r of byQuestion('qscale')) expect(r.value).toBeGreaterThanOrEqual(1);
		expect(byQuestion('qsingle').some((r) => r.explanation)).toBe(true);
		expect(new Set(byQuestion('qsingle').map((r) => (r.value as string[])[0])).size).toBeGreaterThan(2);
	});

	it('comes out the same for the same seed', async () => {
		const m = await facilitatorWithMeeting(db);
		await addQuestions(m.meetingId);
		const snapshot = async () => ({
			names: (await db.select().from(participants).where(eq(participants.meetingId, m.meetingId))).map((p) => p.displayName),
			values: (await db.select().from(pollResponses).where(eq(pollResponses.meetingId, m.meetingId))).map((r) => JSON.stringify(r.value))
		});
		await populateMeeting(db, m.meetingId, { participants: 20, seed: 3, now: 1 });
		const first = await snapshot();
		await db.delete(participants).where(eq(participants.meetingId, m.meetingId));
		await populateMeeting(db, m.meetingId, { participants: 20, seed: 3, now: 1 });
		expect(await snapshot()).toEqual(first);
		expect(first.values.length).toBeGreaterThan(40);
	});
});

describe('the realistic meeting', () => {
	it('is a live Opdenksessie with about a hundred program leaders who answered', async () => {
		const { userId } = await facilitatorWithMeeting(db);
		const made = await createRealisticMeeting(db, userId, { now: 1 });
		expect(made.participantIds).toHaveLength(100);
		const answered = new Set(
			(await db.select().from(pollResponses).where(eq(pollResponses.meetingId, made.meetingId))).map((r) => r.participantId)
		);
		expect(answered.size).toBeGreaterThan(80);
		expect(await db.select().from(pollQuestions).where(eq(pollQuestions.meetingId, made.meetingId))).toHaveLength(6);
	});

	it('has key questions at every table, sorted by theme and cluster, a merged duplicate and votes', async () => {
		const { userId } = await facilitatorWithMeeting(db);
		const made = await createRealisticMeeting(db, userId, { now: 1 });
		const tables = await listMeetingTables(db, made.meetingId);
		expect(tables).toHaveLength(6);
		const boards = await mapInOrder(tables, async (t) => (await loadBoardView(db, t.id))!);
		expect(boards.every((b) => b.cards.length >= 4 && b.meta.phase === 'discuss')).toBe(true);
		const cards = boards.flatMap((b) => b.cards);
		expect(cards.filter((c) => c.themeId !== null).length).toBeGreaterThan(cards.length / 2);
		expect(boards.flatMap((b) => b.clusters).length).toBeGreaterThanOrEqual(5);
		expect(cards.some((c) => c.merged.length === 1)).toBe(true);
		const dots = cards.reduce((sum, c) => sum + (c.votes ?? 0), 0);
		expect(dots).toBe(made.votes);
		expect(dots).toBeGreaterThan(200);
		// Nobody spent more than the budget of three.
		for (const id of made.participantIds) expect((await loadParticipantView(db, id))!.state.votesUsed).toBeLessThanOrEqual(3);
	});
});
