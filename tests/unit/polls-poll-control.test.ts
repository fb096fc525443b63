import { first } from '../../src/lib/server/db/query.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { cmd, fullAnswers, meetingWithPoll } from '../helpers/poll-fixture.ts';
import { setMeetingStatus } from '../helpers/fixtures.ts';
import { submitAnswers } from '../../src/lib/server/polls/submit-answers.ts';
import {
	closePoll,
	reopenPoll,
	revealQuestion,
	setCurrentQuestion
} from '../../src/lib/server/polls/poll-control.ts';
import { getPollResults } from '../../src/lib/server/polls/results.ts';
import { meetings, pollResponses } from '../../src/lib/server/db/schema.ts';
import type { Db } from '../../src/lib/server/db/client.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});


describe('open and closed', () => {
	it('refuses answers once the facilitator closes the poll, and takes them again after reopening', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }]);
		expect(await closePoll(db, p.facilitator, p.meetingId, { commandId: cmd() }, 7)).toMatchObject({
			ok: true,
			value: { closedAt: 7 }
		});
		const answer = () =>
			submitAnswers(
				db,
				p.people[0].actor,
				p.meetingId,
				{ commandId: cmd(), answers: fullAnswers(p.questions) },
				8
			);
		expect(await answer()).toEqual({ ok: false, reason: 'poll-closed' });
		expect(await reopenPoll(db, p.facilitator, p.meetingId, { commandId: cmd() }, 9)).toMatchObject({
			ok: true
		});
		expect(await answer()).toMatchObject({ ok: true });
	});

	it.each(['draft', 'closed', 'archived'] as const)(
		'takes no answers while the meeting is %s, and cannot reopen then',
		async (status) => {
			const p = await meetingWithPoll(db, [{ name: 'Anna' }]);
			await setMeetingStatus(db, p.meetingId, status);
			expect(
				await submitAnswers(
					db,
					p.people[0].actor,
					p.meetingId,
					{ commandId: cmd(), answers: fullAnswers(p.questions) },
					1
				)
			).toEqual({ ok: false, reason: 'poll-closed' });
			expect(await reopenPoll(db, p.facilitator, p.meetingId, { commandId: cmd() }, 1)).toEqual({
				ok: false,
				reason: 'meeting-not-active'
			});
		}
	);

	it('takes answers while the meeting is live', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }]);
		await setMeetingStatus(db, p.meetingId, 'live');
		expect(
			await submitAnswers(
				db,
				p.people[0].actor,
				p.meetingId,
				{ commandId: cmd(), answers: fullAnswers(p.questions) },
				1
			)
		).toMatchObject({ ok: true });
	});

	it('lets only managers close, reveal and pick the current question', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }]);
		const anna = p.people[0].actor;
		expect(await closePoll(db, anna, p.meetingId, { commandId: cmd() }, 1)).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
		expect(
			await revealQuestion(
				db,
				anna,
				p.meetingId,
				{ commandId: cmd(), questionId: p.questions.regie, revealed: true },
				1
			)
		).toEqual({ ok: false, reason: 'not-allowed' });
		expect(
			await setCurrentQuestion(
				db,
				p.facilitator,
				p.meetingId,
				{ commandId: cmd(), questionId: p.questions.regie },
				1
			)
		).toMatchObject({ ok: true });
		expect(
			(await first(db.select().from(meetings).where(eq(meetings.id, p.meetingId))))?.currentQuestionId
		).toBe(p.questions.regie);
		expect(
			await setCurrentQuestion(
				db,
				p.facilitator,
				p.meetingId,
				{ commandId: cmd(), questionId: 'nope' },
				1
			)
		).toEqual({ ok: false, reason: 'question-unknown' });
	});
});

describe('results', () => {
	it('are for managers only, filter by sector and region, and carry names only in named meetings', async () => {
		const p = await meetingWithPoll(db, [
			{ name: 'Anna', sector: 'po', region: 'Noord' },
			{ name: 'Bram', sector: 'vo', region: 'Noord' },
			{ name: 'Carla', sector: 'vo', region: 'Zuid' }
		]);
		for (const [i, person] of p.people.entries()) {
			await submitAnswers(
				db,
				person.actor,
				p.meetingId,
				{ commandId: cmd(), answers: fullAnswers(p.questions, i as 0 | 1 | 2) },
				1
			);
		}
		expect(await getPollResults(db, p.people[0].actor, p.meetingId)).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
		const all = await getPollResults(db, p.facilitator, p.meetingId);
		if (!all.ok) throw new Error();
		const positie = all.results.questions.find((q) => q.question.key === 'positie')!;
		expect(positie.answers).toBe(3);
		expect(positie.result.type === 'single' && positie.result.options[0].explanations).toEqual([
			{ text: 'We zitten aan tafel', sector: 'po', regionId: expect.any(String), name: 'Anna' }
		]);
		const vo = await getPollResults(db, p.facilitator, p.meetingId, { sector: 'vo' });
		const scale = vo.ok
			? vo.results.questions.find((q) => q.question.key === 'tevreden')!.result
			: null;
		expect(scale).toMatchObject({ respondents: 2, mean: 4.5 });
		await db.update(meetings).set({ anonymous: true }).where(eq(meetings.id, p.meetingId));
		const anon = await getPollResults(db, p.facilitator, p.meetingId);
		const wens = anon.ok
			? anon.results.questions.find((q) => q.question.key === 'wens')!.result
			: null;
		expect(wens?.type === 'text' && wens.answers.map((a) => a.name)).toEqual([null]);
	});
});
