import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { cmd, meetingWithPoll } from '../helpers/poll-fixture.ts';
import { addCoFacilitator, facilitatorWithMeeting, signIn } from '../helpers/fixtures.ts';
import { addQuestion } from '../../src/lib/server/polls/add-question.ts';
import { reorderQuestion } from '../../src/lib/server/polls/reorder-question.ts';
import { listQuestionRows } from '../../src/lib/server/polls/poll-queries.ts';
import { commandLog } from '../../src/lib/server/db/schema.ts';
import type { Db } from '../../src/lib/server/db/client.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

const keys = async (meetingId: string) => (await listQuestionRows(db, meetingId)).map((q) => q.key);

describe('building a poll', () => {
	it('adds questions in order, logs each command and describes the change', async () => {
		const p = await meetingWithPoll(db);
		expect(await keys(p.meetingId)).toEqual(['positie', 'regie', 'urgent', 'tevreden', 'wens']);
		expect(
			await db.select().from(commandLog).where(eq(commandLog.type, 'poll.question.add'))
		).toHaveLength(5);
		const r = await addQuestion(
			db,
			p.facilitator,
			p.meetingId,
			{ commandId: cmd(), key: 'extra', type: 'text', prompt: 'Nog iets?' },
			1
		);
		expect(r.ok && r.change?.snapshot.questions.map((q) => q.key).at(-1)).toBe('extra');
	});

	it('refuses a key already used in the meeting', async () => {
		const p = await meetingWithPoll(db);
		expect(
			await addQuestion(
				db,
				p.facilitator,
				p.meetingId,
				{ commandId: cmd(), key: 'regie', type: 'text', prompt: 'Dubbel' },
				1
			)
		).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { key: 'key-taken' }
		});
	});

	it('applies a command id once and refuses it to another actor', async () => {
		const p = await meetingWithPoll(db);
		const input = { commandId: cmd(), key: 'een', type: 'text', prompt: 'Een' };
		const first = await addQuestion(db, p.facilitator, p.meetingId, input, 1);
		expect(await addQuestion(db, p.facilitator, p.meetingId, input, 2)).toMatchObject({
			ok: true,
			replayed: true,
			change: null
		});
		expect((await keys(p.meetingId)).filter((k) => k === 'een')).toHaveLength(1);
		expect(first.ok).toBe(true);
		const other = await facilitatorWithMeeting(db);
		await addCoFacilitator(db, p.meetingId, other.userId);
		expect(
			await addQuestion(db, (await signIn(db, { userId: other.userId })).actor, p.meetingId, input, 3)
		).toEqual({ ok: false, reason: 'command-id-taken' });
	});

	it("refuses a participant and another meeting's facilitator; admits a co-facilitator", async () => {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }]);
		const q = { key: 'nieuw', type: 'text', prompt: 'Nieuw?' };
		expect(await addQuestion(db, p.people[0].actor, p.meetingId, { commandId: cmd(), ...q }, 1)).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
		const stranger = await facilitatorWithMeeting(db);
		const strangerActor = (await signIn(db, { userId: stranger.userId })).actor;
		expect(await addQuestion(db, strangerActor, p.meetingId, { commandId: cmd(), ...q }, 1)).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
		await addCoFacilitator(db, p.meetingId, stranger.userId);
		expect(
			await addQuestion(db, strangerActor, p.meetingId, { commandId: cmd(), ...q }, 1)
		).toMatchObject({ ok: true });
	});

	it('reorders by fractional position: first, after another, and refuses unknown neighbours', async () => {
		const p = await meetingWithPoll(db);
		expect(
			await reorderQuestion(
				db,
				p.facilitator,
				p.meetingId,
				{ commandId: cmd(), questionId: p.questions.wens, afterId: null },
				1
			)
		).toMatchObject({ ok: true });
		expect(
			await reorderQuestion(
				db,
				p.facilitator,
				p.meetingId,
				{ commandId: cmd(), questionId: p.questions.positie, afterId: p.questions.urgent },
				1
			)
		).toMatchObject({ ok: true });
		expect(await keys(p.meetingId)).toEqual(['wens', 'regie', 'urgent', 'positie', 'tevreden']);
		expect(
			await reorderQuestion(
				db,
				p.facilitator,
				p.meetingId,
				{ commandId: cmd(), questionId: p.questions.wens, afterId: 'nope' },
				1
			)
		).toEqual({ ok: false, reason: 'question-unknown' });
	});
});
