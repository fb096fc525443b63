import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb } from '../helpers/test-db.ts';
import { cmd, fullAnswers, meetingWithPoll } from '../helpers/poll-fixture.ts';
import {
	getOwnAnswers,
	saveAnswer,
	submitAnswers
} from '../../src/lib/server/polls/submit-answers.ts';
import { pollResponses } from '../../src/lib/server/db/schema.ts';
import type { Db } from '../../src/lib/server/db/client.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

const responses = async () => await db.select().from(pollResponses);

describe('answering the poll', () => {
	it('saves a full set of answers in one command and describes the ballots it changed', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }]);
		const r = await submitAnswers(
			db,
			p.people[0].actor,
			p.meetingId,
			{ commandId: cmd(), answers: fullAnswers(p.questions) },
			5
		);
		expect(r).toMatchObject({ ok: true, replayed: false });
		expect(await responses()).toHaveLength(5);
		expect(r.ok && r.change?.ballots.map((b) => b.name)).toEqual([
			'Anna',
			'Anna',
			'Anna',
			'Anna',
			'Anna'
		]);
		expect(r.ok && r.change?.snapshot.counts[p.questions.regie]).toBe(1);
	});

	it('keeps one response per participant per question: a change is an upsert', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }]);
		const a = p.people[0].actor;
		await submitAnswers(
			db,
			a,
			p.meetingId,
			{ commandId: cmd(), answers: fullAnswers(p.questions, 0) },
			1
		);
		const again = await submitAnswers(
			db,
			a,
			p.meetingId,
			{ commandId: cmd(), answers: fullAnswers(p.questions, 2) },
			2
		);
		expect(again.ok).toBe(true);
		const rows = (await responses()).filter((r) => r.questionId === p.questions.positie);
		expect(rows.map((r) => [r.value, r.updatedAt])).toEqual([[['buiten'], 2]]);
		expect(await responses()).toHaveLength(4); // the optional open answer was emptied, so removed
	});

	it('applies a command id once', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }]);
		const input = { commandId: cmd(), answers: fullAnswers(p.questions) };
		await submitAnswers(db, p.people[0].actor, p.meetingId, input, 1);
		expect(await submitAnswers(db, p.people[0].actor, p.meetingId, input, 2)).toMatchObject({
			ok: true,
			replayed: true,
			change: null
		});
	});

	it('answers with a field code per question and saves nothing when one answer is wrong', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }]);
		const answers = fullAnswers(p.questions).map((a) =>
			a.questionId === p.questions.regie
				? { ...a, value: ['po', 'lo', 'regio'] }
				: a.questionId === p.questions.urgent
					? { ...a, value: ['geld'] }
					: a
		);
		expect(
			await submitAnswers(db, p.people[0].actor, p.meetingId, { commandId: cmd(), answers }, 1)
		).toEqual({
			ok: false,
			reason: 'invalid',
			errors: {
				[p.questions.regie]: 'too-many-choices',
				[p.questions.urgent]: 'ranking-incomplete'
			}
		});
		expect(await responses()).toEqual([]);
	});

	it('requires every required question in a full submit, but not when saving one as you go', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }]);
		const a = p.people[0].actor;
		const one = [{ questionId: p.questions.tevreden, value: 4 }];
		const r = await submitAnswers(db, a, p.meetingId, { commandId: cmd(), answers: one }, 1);
		expect(r.ok === false && r.reason === 'invalid' && Object.values(r.errors)).toEqual([
			'answer-required',
			'answer-required',
			'answer-required'
		]);
		expect(
			await saveAnswer(db, a, p.meetingId, p.questions.tevreden, { commandId: cmd(), value: 4 }, 1)
		).toMatchObject({ ok: true });
		expect(
			await saveAnswer(db, a, p.meetingId, p.questions.tevreden, { commandId: cmd(), value: 11 }, 1)
		).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { [p.questions.tevreden]: 'scale-out-of-range' }
		});
		expect(await getOwnAnswers(db, a, p.meetingId)).toEqual([
			{ questionId: p.questions.tevreden, value: 4, explanation: null, updatedAt: 1 }
		]);
	});

	it('is for participants of that meeting only', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }]);
		const other = await meetingWithPoll(db, [{ name: 'Carla' }]);
		const input = { commandId: cmd(), answers: fullAnswers(p.questions) };
		expect(await submitAnswers(db, other.people[0].actor, p.meetingId, input, 1)).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
		expect(
			await submitAnswers(db, p.facilitator, p.meetingId, { ...input, commandId: cmd() }, 1)
		).toEqual({ ok: false, reason: 'not-allowed' });
		expect(await getOwnAnswers(db, other.people[0].actor, p.meetingId)).toBeNull();
	});
});
