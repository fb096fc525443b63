import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useTestDb } from '../helpers/test-db.ts';
import { cmd, fullAnswers, meetingWithPoll } from '../helpers/poll-fixture.ts';
import { submitAnswers } from '../../src/lib/server/polls/submit-answers.ts';
import { closePoll, revealQuestion } from '../../src/lib/server/polls/poll-control.ts';
import { removeQuestion } from '../../src/lib/server/polls/remove-question.ts';
import { projectChange, reconcileRoom } from '../../src/lib/server/boards/project-change.ts';
import {
	ballotsMap,
	countsMap,
	pollStateMap,
	questionsMap,
	writePollSnapshot
} from '../../src/lib/realtime/meeting-doc.ts';
import { canSeeResults, checkAnswerPoll } from '../../src/lib/server/access/poll-policies.ts';
import type { DomainChange } from '../../src/lib/server/events.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { meetings } from '../../src/lib/server/db/schema.ts';
import { currentPollChange } from '../../src/lib/server/polls/poll-change.ts';
import { eq } from 'drizzle-orm';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

/** Both docs of a meeting, fed the way the hub feeds them. */
function docs(meetingId: string) {
	const meeting = new Y.Doc();
	const facilitation = new Y.Doc();
	const byRoom: Record<string, Y.Doc> = {
		[`meeting:${meetingId}`]: meeting,
		[`facilitation:${meetingId}`]: facilitation
	};
	return {
		meeting,
		facilitation,
		async publish(change: DomainChange | null | undefined) {
			if (!change) throw new Error('no change');
			for (const w of projectChange(db, change)) await w.write((fn) => fn(byRoom[w.room]));
		}
	};
}

describe('the poll in the meeting and facilitation docs', () => {
	it('puts counts in both docs, ballots in facilitation only until a question is revealed', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }, { name: 'Bram' }]);
		const d = docs(p.meetingId);
		for (const [i, person] of p.people.entries()) {
			const r = await submitAnswers(
				db,
				person.actor,
				p.meetingId,
				{ commandId: cmd(), answers: fullAnswers(p.questions, i as 0 | 1) },
				1
			);
			await d.publish(r.ok ? r.change : null);
		}
		expect(countsMap(d.meeting).get(p.questions.regie)).toBe(2);
		expect(countsMap(d.facilitation).get(p.questions.regie)).toBe(2);
		expect(ballotsMap(d.meeting).size).toBe(0);
		expect(ballotsMap(d.facilitation).size).toBe(9);
		expect(Array.from(ballotsMap(d.facilitation).values()).some((b) => b.name === 'Anna')).toBe(
			true
		);

		const shown = await revealQuestion(
			db,
			p.facilitator,
			p.meetingId,
			{ commandId: cmd(), questionId: p.questions.regie, revealed: true },
			2
		);
		await d.publish(shown.ok ? shown.change : null);
		const publicBallots = Array.from(ballotsMap(d.meeting).values());
		expect(publicBallots.map((b) => b.questionId)).toEqual([p.questions.regie, p.questions.regie]);
		expect(publicBallots.every((b) => b.name === null)).toBe(true);
		expect(questionsMap(d.meeting).get(p.questions.regie)?.revealed).toBe(true);

		const hidden = await revealQuestion(
			db,
			p.facilitator,
			p.meetingId,
			{ commandId: cmd(), questionId: p.questions.regie, revealed: false },
			3
		);
		await d.publish(hidden.ok ? hidden.change : null);
		expect(ballotsMap(d.meeting).size).toBe(0);
	});

	it('shows the poll closing and drops a removed question everywhere', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }]);
		const d = docs(p.meetingId);
		const r = await submitAnswers(
			db,
			p.people[0].actor,
			p.meetingId,
			{ commandId: cmd(), answers: fullAnswers(p.questions) },
			1
		);
		await d.publish(r.ok ? r.change : null);
		const closed = await closePoll(db, p.facilitator, p.meetingId, { commandId: cmd() }, 2);
		await d.publish(closed.ok ? closed.change : null);
		expect(pollStateMap(d.meeting).get('state')).toEqual({
			open: false,
			currentQuestionId: null,
			anonymous: false
		});
		const removed = await removeQuestion(
			db,
			p.facilitator,
			p.meetingId,
			p.questions.wens,
			{ commandId: cmd(), confirm: true },
			3
		);
		await d.publish(removed.ok ? removed.change : null);
		expect(questionsMap(d.facilitation).has(p.questions.wens)).toBe(false);
		expect(
			Array.from(ballotsMap(d.facilitation).values()).some((b) => b.questionId === p.questions.wens)
		).toBe(false);
	});

	it('rebuilds both docs from SQL when a room loads, leaving unrevealed ballots out of the meeting doc', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }]);
		await submitAnswers(
			db,
			p.people[0].actor,
			p.meetingId,
			{ commandId: cmd(), answers: fullAnswers(p.questions) },
			1
		);
		await revealQuestion(
			db,
			p.facilitator,
			p.meetingId,
			{ commandId: cmd(), questionId: p.questions.tevreden, revealed: true },
			2
		);
		const meeting = new Y.Doc();
		const facilitation = new Y.Doc();
		ballotsMap(meeting).set('stale', {
			id: 'stale',
			questionId: p.questions.regie,
			value: ['po'],
			explanation: null,
			sector: null,
			regionId: null,
			name: null
		});
		await reconcileRoom(db, `meeting:${p.meetingId}`, (fn) => fn(meeting));
		await reconcileRoom(db, `facilitation:${p.meetingId}`, (fn) => fn(facilitation));
		expect(Array.from(ballotsMap(meeting).values()).map((b) => [b.questionId, b.value])).toEqual([
			[p.questions.tevreden, 3]
		]);
		expect(ballotsMap(facilitation).size).toBe(5);
		expect(countsMap(meeting).get(p.questions.positie)).toBe(1);
	});

	it('writes nothing when the snapshot is unchanged', async () => {
		const p = await meetingWithPoll(db);
		const doc = new Y.Doc();
		await reconcileRoom(db, `meeting:${p.meetingId}`, (fn) => fn(doc));
		let updates = 0;
		doc.on('update', () => updates++);
		await reconcileRoom(db, `meeting:${p.meetingId}`, (fn) => fn(doc));
		writePollSnapshot(doc, {
			state: pollStateMap(doc).get('state')!,
			questions: Array.from(questionsMap(doc).values()),
			counts: {}
		});
		expect(updates).toBe(0);
	});
});

describe('poll policies refuse by default', () => {
	const meeting = {
		id: 'm1',
		status: 'open' as const,
		createdBy: 'u1',
		facilitatorIds: [],
		pollClosedAt: null
	};
	const participant = (meetingId: string) => ({
		kind: 'participant' as const,
		participant: {
			id: 'p1',
			meetingId,
			tableId: null,
			displayName: 'A',
			sector: null,
			anonymousMeeting: false
		}
	});

	it('refuses answers from outside the meeting and from anyone once the poll is closed', () => {
		expect(checkAnswerPoll(null, meeting)).toBe('not-allowed');
		expect(checkAnswerPoll(participant('m2'), meeting)).toBe('not-allowed');
		expect(checkAnswerPoll(participant('m1'), { ...meeting, pollClosedAt: 1 })).toBe('poll-closed');
		expect(checkAnswerPoll(participant('m1'), meeting)).toBeNull();
	});

	it('shows a participant results only of revealed questions', () => {
		expect(canSeeResults(participant('m1'), meeting, { revealed: false })).toBe(false);
		expect(canSeeResults(participant('m2'), meeting, { revealed: true })).toBe(false);
		expect(canSeeResults(participant('m1'), meeting, { revealed: true })).toBe(true);
	});
});

describe('republishing the poll after a change outside it', () => {
	it('carries the closed state and takes names out of the facilitation doc once SQL has none', async () => {
		const p = await meetingWithPoll(db, [{ name: 'Anna' }]);
		const d = docs(p.meetingId);
		const r = await submitAnswers(
			db,
			p.people[0].actor,
			p.meetingId,
			{ commandId: cmd(), answers: fullAnswers(p.questions) },
			1
		);
		await d.publish(r.ok ? r.change : null);
		await db.update(meetings)
			.set({ anonymous: true, status: 'closed' })
			.where(eq(meetings.id, p.meetingId));
		await d.publish(await currentPollChange(db, p.meetingId));
		expect(pollStateMap(d.meeting).get('state')).toMatchObject({ open: false, anonymous: true });
		expect(Array.from(ballotsMap(d.facilitation).values()).map((b) => b.name)).toEqual([
			null,
			null,
			null,
			null,
			null
		]);
		expect(ballotsMap(d.meeting).size).toBe(0);
	});
});
