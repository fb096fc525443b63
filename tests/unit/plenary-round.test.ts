import { mapInOrder } from '../../src/lib/server/in-order.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import type { Actor } from '../../src/lib/server/auth/session.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { loadPlenaryView, runPlenaryCommand } from '../../src/lib/server/plenary/plenary-round.ts';
import { loadBoardView } from '../../src/lib/server/boards/board-view.ts';
import { loadParticipantView } from '../../src/lib/server/boards/participant-view.ts';
import { listMeetingTables } from '../../src/lib/server/meetings/queries.ts';
import { rankItems, topItems } from '../../src/lib/realtime/ranking.ts';
import { projectChange } from '../../src/lib/server/boards/project-change.ts';
import { plenaryItemsMap, plenaryState } from '../../src/lib/realtime/plenary-doc.ts';
import { eq } from 'drizzle-orm';
import { participants } from '../../src/lib/server/db/schema.ts';

const testDb = useTestDb();
let db: Db;
let n = 0;
beforeEach(() => {
	db = testDb();
});

async function room() {
	const { userId } = await facilitatorWithMeeting(db);
	const made = await createRealisticMeeting(db, userId, { now: 1, participants: 30 });
	const facilitator = (await signIn(db, { userId })).actor;
	const people = await mapInOrder(made.participantIds, async (id) => (await signIn(db, { participantId: id })).actor);
	const run = (actor: Actor, command: Record<string, unknown>) =>
		runPlenaryCommand(db, actor, made.meetingId, { commandId: `plen-${++n}-cmd`, ...command }, 2000 + n);
	return { ...made, facilitator, people, run };
}

describe('the plenary round', () => {
	it("sends each table's top N, ties included, to one board", async () => {
		const r = await room();
		expect(await r.run(r.people[0], { type: 'plenary.start', topN: 2, budget: 3 })).toMatchObject({ ok: false, reason: 'not-allowed' });
		const started = await r.run(r.facilitator, { type: 'plenary.start', topN: 2, budget: 3 });
		expect(started.ok).toBe(true);
		const expected = (
			await mapInOrder(await listMeetingTables(db, r.meetingId), async (t) => {
				const view = (await loadBoardView(db, t.id))!;
				return topItems(rankItems(view.cards, view.clusters), 2).map((i) => i.label);
			})
		).flat();
		const view = (await loadPlenaryView(db, r.meetingId))!;
		expect(view.state).toEqual({ phase: 'cluster', budget: 3 });
		expect(view.items.map((i) => i.label)).toEqual(expected);
		expect(view.items.length).toBeGreaterThanOrEqual(12);
		expect(await r.run(r.facilitator, { type: 'plenary.start', topN: 2, budget: 3 })).toMatchObject({ reason: 'plenary-started' });
	});

	it('gives everyone a fresh budget, keeps it, and moves votes when items are grouped', async () => {
		const r = await room();
		await r.run(r.facilitator, { type: 'plenary.start', topN: 1, budget: 2 });
		const [first, second] = (await loadPlenaryView(db, r.meetingId))!.items;
		const [anna, bram] = r.people;
		expect(await r.run(anna, { type: 'plenary.vote', itemId: first.id })).toMatchObject({ ok: false, reason: 'wrong-phase' });
		expect((await r.run(r.facilitator, { type: 'plenary.phase', phase: 'vote' })).ok).toBe(true);
		// The table round's dots do not count here: a fresh budget of two.
		expect(await r.run(anna, { type: 'plenary.vote', itemId: first.id })).toMatchObject({ ok: true, result: { left: 1 } });
		expect(await r.run(anna, { type: 'plenary.vote', itemId: second.id })).toMatchObject({ ok: true, result: { left: 0 } });
		expect(await r.run(anna, { type: 'plenary.vote', itemId: second.id })).toMatchObject({ ok: false, reason: 'budget-spent' });
		expect((await r.run(bram, { type: 'plenary.vote', itemId: second.id })).ok).toBe(true);
		expect(await r.run(r.facilitator, { type: 'plenary.vote', itemId: second.id })).toMatchObject({ reason: 'not-a-voter' });
		const annaId = anna.kind === 'participant' ? anna.participant.id : '';
		expect((await loadParticipantView(db, annaId))!.state).toMatchObject({ plenaryBudget: 2, plenaryUsed: 2 });

		expect((await r.run(r.facilitator, { type: 'plenary.merge', itemId: second.id, intoItemId: first.id })).ok).toBe(true);
		const view = (await loadPlenaryView(db, r.meetingId))!;
		const grouped = view.items.find((i) => i.id === first.id)!;
		expect(grouped.votes).toBe(3);
		expect(grouped.merged.map((m) => m.label)).toEqual([second.label]);
		expect(view.items.some((i) => i.id === second.id)).toBe(false);
		expect((await loadParticipantView(db, annaId))!.myPlenaryVotes).toEqual([{ id: first.id, dots: 2 }]);
	});

	it('writes the plenary board into the meeting doc, and a participant of another meeting is refused', async () => {
		const r = await room();
		const result = await r.run(r.facilitator, { type: 'plenary.start', topN: 1, budget: 3 });
		if (!result.ok || !result.change) throw new Error('expected a change');
		const doc = new Y.Doc();
		for (const w of projectChange(db, result.change).filter((w) => w.room === `meeting:${r.meetingId}`)) await w.write((fn) => fn(doc));
		expect(plenaryState(doc)).toEqual({ phase: 'cluster', budget: 3 });
		expect(plenaryItemsMap(doc).size).toBe((await loadPlenaryView(db, r.meetingId))!.items.length);
		const other = await room();
		const stranger = other.people[0];
		expect(await runPlenaryCommand(db, stranger, r.meetingId, { commandId: `plen-${++n}-x`, type: 'plenary.vote', itemId: 'aaaaaaaaaaaaaaaaaaaa' }, 1)).toMatchObject({ reason: 'not-allowed' });
		const count = (await db.select().from(participants).where(eq(participants.meetingId, r.meetingId))).length;
		expect(count).toBe(30);
	});

	it('resets to no round, removing items and votes', async () => {
		const r = await room();
		await r.run(r.facilitator, { type: 'plenary.start', topN: 1, budget: 3 });
		await r.run(r.facilitator, { type: 'plenary.phase', phase: 'vote' });
		await r.run(r.people[0], { type: 'plenary.vote', itemId: (await loadPlenaryView(db, r.meetingId))!.items[0].id });
		expect((await r.run(r.facilitator, { type: 'plenary.reset' })).ok).toBe(true);
		expect(await loadPlenaryView(db, r.meetingId)).toEqual({ state: { phase: 'off', budget: 3 }, items: [] });
	});
});
