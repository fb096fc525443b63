import { firstRow } from '../db/query.ts';
import * as v from 'valibot';
import { and, eq } from 'drizzle-orm';
import type { Ballot } from '../../realtime/meeting-doc.ts';
import type { Db } from '../db/client.ts';
import { pollResponses } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { checkAnswerPoll, pollAcceptsAnswers } from '../access/poll-policies.ts';
import { CommandIdSchema } from '../commands/command-log.ts';
import { newId } from '../ids.ts';
import { ANSWER_LIMIT, runPollCommand, type Applied, type MeetingRow, type PollResult } from './poll-scope.ts';
import { parseWith } from '../commands/frame.ts';
import { listBallots, listQuestionRows, toQuestionView } from './poll-queries.ts';
import { validateAnswer } from './validate-answer.ts';

const Answer = v.object({
	questionId: v.string('question-unknown'),
	value: v.unknown(),
	explanation: v.optional(v.unknown())
});

export const SubmitAnswersSchema = v.object({
	commandId: CommandIdSchema,
	answers: v.pipe(v.array(Answer, 'answer-invalid'), v.maxLength(200, 'answer-invalid'))
});

export interface SubmitValue {
	/** Question ids whose answer was saved or, for an emptied optional answer, removed. */
	saved: string[];
}

type Mode = 'complete' | 'partial';

/**
 * A participant answers the poll: every answer checked against its question (field codes keyed by
 * question id), then upserted, one response per participant per question, in one transaction.
 * `complete` (the whole form) also requires an answer to every required question, given now or
 * earlier; `partial` (save as you go) checks only what is sent.
 */
export async function submitAnswers(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: unknown,
	now: number,
	mode: Mode = 'complete'
): Promise<PollResult<SubmitValue>> {
	return runPollCommand(db, actor, meetingId, input, now, {
		type: 'poll.answer',
		parse: parseWith(SubmitAnswersSchema),
		limit: ANSWER_LIMIT,
		authorize(actor, { facts, meeting }) {
			const denial = checkAnswerPoll(actor, { ...facts, pollClosedAt: meeting.pollClosedAt });
			if (denial) return denial;
			return actor.kind === 'participant' ? null : 'not-allowed';
		},
		payload: ({ answers }) => ({ answers, mode }),
		body: (tx, fresh, { answers }) => applyAnswers(tx, fresh, actor, answers, now, mode)
	});
}

type Answers = v.InferOutput<typeof SubmitAnswersSchema>['answers'];

async function applyAnswers(
	tx: Db,
	fresh: MeetingRow,
	actor: Actor,
	answers: Answers,
	now: number,
	mode: Mode
): Promise<Applied<SubmitValue>> {
	const meetingId = fresh.id;
	const participantId = actor.kind === 'participant' ? actor.participant.id : '';
	{
		if (!pollAcceptsAnswers(fresh)) return { ok: false, reason: 'poll-closed' };
		const questions = new Map(
			(await listQuestionRows(tx, meetingId)).map((q) => [q.id, toQuestionView(q)])
		);
		const errors: Record<string, string> = {};
		const accepted: Array<{
			questionId: string;
			value: Ballot['value'] | null;
			explanation: string | null;
		}> = [];
		for (const answer of answers) {
			const q = questions.get(answer.questionId);
			if (!q) errors[answer.questionId] = 'question-unknown';
			if (!q || errors[answer.questionId]) continue;
			const checked = validateAnswer(q, answer.value, answer.explanation);
			if (!checked.ok) errors[q.id] = checked.code;
			else if (accepted.some((a) => a.questionId === q.id)) errors[q.id] = 'answer-invalid';
			else
				accepted.push({ questionId: q.id, value: checked.value, explanation: checked.explanation });
		}
		if (mode === 'complete') {
			const had = new Set((await ownRows(tx, participantId)).map((r) => r.questionId));
			for (const q of questions.values()) {
				const given = accepted.find((a) => a.questionId === q.id);
				if (q.required && !errors[q.id] && (given ? given.value === null : !had.has(q.id))) {
					errors[q.id] = 'answer-required';
				}
			}
		}
		if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };

		const upserted: string[] = [];
		const removed: string[] = [];
		for (const a of accepted) {
			if (a.value === null) {
				const gone = await tx
					.delete(pollResponses)
					.where(
						and(
							eq(pollResponses.questionId, a.questionId),
							eq(pollResponses.participantId, participantId)
						)
					)
					.returning({ id: pollResponses.id });
				removed.push(...gone.map((r) => r.id));
				continue;
			}
			const row = await firstRow(tx
				.insert(pollResponses)
				.values({
					id: newId(),
					meetingId,
					questionId: a.questionId,
					participantId,
					value: a.value,
					explanation: a.explanation,
					createdAt: now,
					updatedAt: now
				})
				.onConflictDoUpdate({
					target: [pollResponses.questionId, pollResponses.participantId],
					set: { value: a.value, explanation: a.explanation, updatedAt: now }
				})
				.returning({ id: pollResponses.id }));
			upserted.push(row!.id);
		}
		return {
			ok: true,
			value: { saved: accepted.map((a) => a.questionId) },
			ballots:
				upserted.length > 0
					? await listBallots(tx, meetingId, { responseIds: upserted, withNames: true })
					: [],
			removedBallotIds: removed
		};
	}
}

/** Save as you go: one question, the same checks, `required` judged only for what is sent. */
export async function saveAnswer(
	db: Db,
	actor: Actor,
	meetingId: string,
	questionId: string,
	input: unknown,
	now: number
): Promise<PollResult<SubmitValue>> {
	const body =
		typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
	const answers = [{ questionId, value: body.value, explanation: body.explanation }];
	return submitAnswers(
		db,
		actor,
		meetingId,
		{ commandId: body.commandId, answers },
		now,
		'partial'
	);
}

async function ownRows(db: Db, participantId: string) {
	return await db
		.select()
		.from(pollResponses)
		.where(eq(pollResponses.participantId, participantId));
}

export interface OwnAnswer {
	questionId: string;
	value: string[] | number | string;
	explanation: string | null;
	updatedAt: number;
}

/** A participant's own answers (to fill the form again); only for a participant of that meeting. */
export async function getOwnAnswers(db: Db, actor: Actor | null, meetingId: string): Promise<OwnAnswer[] | null> {
	if (actor?.kind !== 'participant' || actor.participant.meetingId !== meetingId) return null;
	return (await ownRows(db, actor.participant.id)).map((r) => ({
		questionId: r.questionId,
		value: r.value,
		explanation: r.explanation,
		updatedAt: r.updatedAt
	}));
}
