import { mapInOrder } from '../../src/lib/server/in-order.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb } from '../helpers/test-db.ts';
import { addTable, facilitatorWithMeeting, LIFE, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import type { Actor } from '../../src/lib/server/auth/session.ts';
import { authorizeRoom } from '../../src/lib/server/access/authorize-room.ts';
import { issueProjectorToken } from '../../src/lib/server/meetings/projector-token.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { loadParticipantView } from '../../src/lib/server/boards/participant-view.ts';
import { loadPlenaryView, runPlenaryCommand } from '../../src/lib/server/plenary/plenary-round.ts';
import { countParticipantsPresent } from '../../src/lib/realtime/presence-summary.ts';
import { looksStuck, nextPhaseForAll, QUIET_MS, quietMinutes, secondsLeft } from '../../src/lib/realtime/dashboard.ts';

const testDb = useTestDb();
let db: Db;
let n = 0;
beforeEach(() => {
	db = testDb();
});

describe('the dashboard reads the figures per table', () => {
	const now = 10 * QUIET_MS;
	it('calls a collecting table stuck when no card came for a while, counted from its last card', () => {
		expect(looksStuck({ phase: 'collect', seated: 4, lastCardAt: now - QUIET_MS }, now, 0)).toBe(true);
		expect(looksStuck({ phase: 'collect', seated: 4, lastCardAt: now - QUIET_MS + 1 }, now, 0)).toBe(false);
	});

	it('counts a table without cards from when the dashboard started watching', () => {
		expect(looksStuck({ phase: 'collect', seated: 4, lastCardAt: null }, now, now - QUIET_MS)).toBe(true);
		expect(looksStuck({ phase: 'collect', seated: 4, lastCardAt: null }, now, now - 1000)).toBe(false);
	});

	it('never calls an empty table, or one past collecting, stuck', () => {
		expect(looksStuck({ phase: 'collect', seated: 0, lastCardAt: 0 }, now, 0)).toBe(false);
		for (const phase of ['cluster', 'vote', 'discuss', 'done'] as const) {
			expect(looksStuck({ phase, seated: 4, lastCardAt: 0 }, now, 0)).toBe(false);
		}
	});

	it('moves all tables on from the one furthest behind, and nowhere once all are done', () => {
		expect(nextPhaseForAll(['collect', 'collect'])).toBe('cluster');
		expect(nextPhaseForAll(['vote', 'cluster', 'discuss'])).toBe('vote');
		expect(nextPhaseForAll(['discuss'])).toBe('done');
		expect(nextPhaseForAll(['done', 'done'])).toBeNull();
		expect(nextPhaseForAll([])).toBeNull();
	});

	it('counts as present only those the server stamped as participants', () => {
		const states = new Map<number, Record<string, unknown>>([
			[1, { user: { kind: 'participant', name: 'Anna' }, typing: false }],
			[2, { user: { kind: 'participant', name: null } }],
			[3, { user: { kind: 'facilitator', name: 'Fien' } }],
			[4, { user: { kind: 'observer', name: null } }],
			[5, { typing: true }],
			[6, { user: 'participant' }]
		]);
		expect(countParticipantsPresent(states)).toBe(2);
		expect(countParticipantsPresent(new Map())).toBe(0);
	});

	it('shows the quiet minutes and the seconds left, never below zero', () => {
		expect(quietMinutes(null, now)).toBeNull();
		expect(quietMinutes(now - 125_000, now)).toBe(2);
		expect(secondsLeft(null, now)).toBeNull();
		expect(secondsLeft(now + 1500, now)).toBe(2);
		expect(secondsLeft(now - 1500, now)).toBe(0);
	});
});

describe('a projector link', () => {
	it("opens its meeting's room and boards read-only, and no other meeting's board or private room", async () => {
		const mine = await facilitatorWithMeeting(db);
		const other = await facilitatorWithMeeting(db);
		const second = await addTable(db, mine.meetingId);
		const { actor } = await signIn(db, { userId: mine.userId });
		const issued = await issueProjectorToken(db, actor, mine.meetingId, 1);
		if (!issued.ok) throw new Error(issued.reason);
		const open = (room: string, token = issued.token) => authorizeRoom(db, null, room, LIFE, token);
		for (const room of [`meeting:${mine.meetingId}`, `table:${mine.tableId}`, `table:${second}`]) {
			expect(await open(room)).toMatchObject({ ok: true, identity: { meetingId: mine.meetingId, userId: null, participantId: null, presence: { kind: 'observer', name: null } } });
		}
		for (const room of [`facilitation:${mine.meetingId}`, `table:${other.tableId}`, `meeting:${other.meetingId}`, 'table:aaaaaaaaaaaaaaaaaaaa']) {
			expect(await open(room)).toEqual({ ok: false, code: 4403 });
		}
		expect(await open(`table:${mine.tableId}`, 'b'.repeat(32))).toEqual({ ok: false, code: 4403 });
	});
});

describe('opening the plenary vote', () => {
	async function room() {
		const { userId } = await facilitatorWithMeeting(db);
		const made = await createRealisticMeeting(db, userId, { now: 1, participants: 12 });
		const facilitator = (await signIn(db, { userId })).actor;
		const people = await mapInOrder(made.participantIds, async (id) => (await signIn(db, { participantId: id })).actor);
		const run = (actor: Actor, command: Record<string, unknown>) =>
			runPlenaryCommand(db, actor, made.meetingId, { commandId: `open-${++n}-cmd`, ...command }, 5000 + n);
		return { ...made, facilitator, people, run };
	}

	it('gives the room a fresh budget of its own, shown in every participant doc', async () => {
		const r = await room();
		await r.run(r.facilitator, { type: 'plenary.start', topN: 1, budget: 3 });
		const opened = await r.run(r.facilitator, { type: 'plenary.phase', phase: 'vote', budget: 2 });
		expect(opened).toMatchObject({ ok: true, result: { phase: 'vote', budget: 2 } });
		if (!opened.ok || !opened.change) throw new Error('expected a change');
		expect(new Set(opened.change.participantIds)).toEqual(new Set(r.participantIds));
		expect((await loadPlenaryView(db, r.meetingId))!.state).toEqual({ phase: 'vote', budget: 2 });
		expect((await loadParticipantView(db, r.participantIds[0]))!.state).toMatchObject({ plenaryBudget: 2, plenaryUsed: 0 });
		const [item] = (await loadPlenaryView(db, r.meetingId))!.items;
		expect(await r.run(r.people[0], { type: 'plenary.vote', itemId: item.id })).toMatchObject({ ok: true, result: { left: 1 } });
		expect(await r.run(r.people[0], { type: 'plenary.vote', itemId: item.id })).toMatchObject({ ok: true, result: { left: 0 } });
		expect(await r.run(r.people[0], { type: 'plenary.vote', itemId: item.id })).toMatchObject({ ok: false, reason: 'budget-spent' });
	});

	it('refuses a new budget once votes are cast, or outside opening the vote', async () => {
		const r = await room();
		await r.run(r.facilitator, { type: 'plenary.start', topN: 1, budget: 3 });
		expect(await r.run(r.facilitator, { type: 'plenary.phase', phase: 'cluster', budget: 5 })).toMatchObject({ ok: false, reason: 'wrong-phase' });
		expect(await r.run(r.facilitator, { type: 'plenary.phase', phase: 'vote', budget: 0 })).toMatchObject({ ok: false, reason: 'invalid' });
		await r.run(r.facilitator, { type: 'plenary.phase', phase: 'vote' });
		await r.run(r.people[0], { type: 'plenary.vote', itemId: (await loadPlenaryView(db, r.meetingId))!.items[0].id });
		expect(await r.run(r.facilitator, { type: 'plenary.phase', phase: 'vote', budget: 1 })).toMatchObject({ ok: false, reason: 'plenary-votes-cast' });
		// The same budget again is no change: closing and reopening the vote keeps it.
		expect((await r.run(r.facilitator, { type: 'plenary.phase', phase: 'vote', budget: 3 })).ok).toBe(true);
		expect(await r.run(r.people[1], { type: 'plenary.phase', phase: 'done' })).toMatchObject({ ok: false, reason: 'not-allowed' });
		expect((await loadPlenaryView(db, r.meetingId))!.state).toEqual({ phase: 'vote', budget: 3 });
	});
});
