import { mapInOrder } from '../../src/lib/server/in-order.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { addTable, facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import { cmd, fullAnswers, meetingWithPoll } from '../helpers/poll-fixture.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { meetings, participants } from '../../src/lib/server/db/schema.ts';
import { pathAfterJoin, tableStep } from '../../src/lib/server/meetings/next-step.ts';
import { submitAnswers } from '../../src/lib/server/polls/submit-answers.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

async function threeTables(choose: boolean) {
	const m = await facilitatorWithMeeting(db);
	await addTable(db, m.meetingId, 'Tafel 2');
	await addTable(db, m.meetingId, 'Tafel 3');
	await db.update(meetings).set({ participantsChooseTable: choose }).where(eq(meetings.id, m.meetingId));
	return m;
}

const seatsOf = async (meetingId: string) =>
	(await db.select({ tableId: participants.tableId }).from(participants).where(eq(participants.meetingId, meetingId))).map((p) => p.tableId);

describe('seating newcomers', () => {
	it('leaves them to choose when "participants choose their table" is on', async () => {
		const m = await threeTables(true);
		const joined = await mapInOrder(['Ada', 'Bo', 'Cor', 'Dirk', 'Eva', 'Fee'], (name) => joinAs(db, m.joinCode, name));
		expect(await seatsOf(m.meetingId)).toEqual(Array(6).fill(null));
		for (const j of joined) {
			expect(await tableStep(db, j.participantId)).toEqual({ kind: 'choose-table', href: `/meetings/${m.meetingId}/tables` });
			expect(await pathAfterJoin(db, j.participantId)).toBe(`/meetings/${m.meetingId}/tables`);
		}
	});

	it('spreads them over the tables when the facilitator seats people', async () => {
		const m = await threeTables(false);
		const joined = await mapInOrder(['Ada', 'Bo', 'Cor', 'Dirk', 'Eva', 'Fee'], (name) => joinAs(db, m.joinCode, name));
		const counts = new Map<string | null, number>();
		for (const seat of (await seatsOf(m.meetingId))) counts.set(seat, (counts.get(seat) ?? 0) + 1);
		expect([...counts.values()]).toEqual([2, 2, 2]);
		const first = await tableStep(db, joined[0].participantId);
		expect(first).toMatchObject({ kind: 'table', tableName: 'Tafel 1' });
		expect(await pathAfterJoin(db, joined[0].participantId)).toBe(first.kind === 'table' ? first.href : '');
	});
});

describe('the step after joining', () => {
	it('is the open poll until the participant answered it, then their table', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Ada' }]);
		const ada = p.people[0];
		expect(await pathAfterJoin(db, ada.id)).toBe(`/meetings/${p.meetingId}/poll`);
		const done = await submitAnswers(db, ada.actor, p.meetingId, { commandId: cmd(), answers: fullAnswers(p.questions) }, 1);
		expect(done.ok).toBe(true);
		expect(await pathAfterJoin(db, ada.id)).toMatch(/^\/tables\//);
	});

	it('skips a closed poll', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Bo' }]);
		await db.update(meetings).set({ pollClosedAt: 1 }).where(eq(meetings.id, p.meetingId));
		expect(await pathAfterJoin(db, p.people[0].id)).toMatch(/^\/tables\//);
		expect((await signIn(db, { participantId: p.people[0].id })).actor.kind).toBe('participant');
	});
});
