import * as v from 'valibot';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { meetings, pollQuestions } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { pollCanReopen } from '../access/poll-policies.ts';
import { runManageCommand, type PollResult } from './poll-scope.ts';
import { issueCodes } from './question-schema.ts';
import { getQuestionRow, listBallots } from './poll-queries.ts';

// The facilitator's live controls: close or reopen the poll, reveal or hide results, pick the question
// the projector shows.

/** Stops taking answers before the meeting closes. Closing a closed poll changes nothing. */
export async function closePoll(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: unknown,
	now: number
): Promise<PollResult<{ closedAt: number }>> {
	return runManageCommand(
		db,
		actor,
		meetingId,
		input,
		{ type: 'poll.close', now },
		async (tx, meeting) => {
			const closedAt = meeting.pollClosedAt ?? now;
			await tx.update(meetings).set({ pollClosedAt: closedAt }).where(eq(meetings.id, meetingId));
			return { ok: true, value: { closedAt } };
		}
	);
}

/** Takes answers again; only while the meeting is open or live (a closed meeting stays closed). */
export async function reopenPoll(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: unknown,
	now: number
): Promise<PollResult<{ open: true }>> {
	return runManageCommand(
		db,
		actor,
		meetingId,
		input,
		{ type: 'poll.reopen', now },
		async (tx, meeting) => {
			if (!pollCanReopen(meeting)) return { ok: false, reason: 'meeting-not-active' };
			await tx.update(meetings).set({ pollClosedAt: null }).where(eq(meetings.id, meetingId));
			return { ok: true, value: { open: true } };
		}
	);
}

const RevealSchema = v.object({
	questionId: v.string('question-unknown'),
	revealed: v.boolean('answer-invalid')
});

/** Shows (or hides again) one question's results to participants and the projector. */
export async function revealQuestion(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: unknown,
	now: number
): Promise<PollResult<{ questionId: string; revealed: boolean }>> {
	const parsed = v.safeParse(RevealSchema, input);
	return runManageCommand(db, actor, meetingId, input, { type: 'poll.reveal', now }, async (tx) => {
		if (!parsed.success) return { ok: false, reason: 'invalid', errors: issueCodes(parsed.issues) };
		const { questionId, revealed } = parsed.output;
		const row = await getQuestionRow(tx, meetingId, questionId);
		if (!row) return { ok: false, reason: 'question-unknown' };
		const revealedAt = revealed ? (row.revealedAt ?? now) : null;
		await tx.update(pollQuestions).set({ revealedAt }).where(eq(pollQuestions.id, questionId));
		return {
			ok: true,
			value: { questionId, revealed },
			// Revealing brings the question's ballots into the meeting doc; hiding prunes them.
			ballots: revealed
				? await listBallots(tx, meetingId, { questionIds: [questionId], withNames: true })
				: [],
			prune: !revealed
		};
	});
}

const CurrentSchema = v.object({ questionId: v.nullable(v.string('question-unknown')) });

/** The question the projector shows now (null: none). */
export async function setCurrentQuestion(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: unknown,
	now: number
): Promise<PollResult<{ questionId: string | null }>> {
	const parsed = v.safeParse(CurrentSchema, input);
	return runManageCommand(db, actor, meetingId, input, { type: 'poll.current', now }, async (tx) => {
		if (!parsed.success) return { ok: false, reason: 'invalid', errors: issueCodes(parsed.issues) };
		const { questionId } = parsed.output;
		if (questionId !== null && !(await getQuestionRow(tx, meetingId, questionId))) {
			return { ok: false, reason: 'question-unknown' };
		}
		await tx.update(meetings)
			.set({ currentQuestionId: questionId })
			.where(eq(meetings.id, meetingId));
		return { ok: true, value: { questionId } };
	});
}
