import { firstRow } from '../db/query.ts';
import { eq } from 'drizzle-orm';
import type { PollQuestionView } from '../../realtime/meeting-doc.ts';
import type { Db } from '../db/client.ts';
import { pollQuestions, pollResponses } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { runManageCommand, type PollResult } from './poll-scope.ts';
import {
	onlyWordingChanged,
	parseQuestionDefinition,
	type QuestionDefinition
} from './question-schema.ts';
import { getQuestionRow, toQuestionView } from './poll-queries.ts';
import { validateValue } from './validate-answer.ts';
import { keyTaken } from './add-question.ts';

export interface UpdateQuestionValue {
	question: PollQuestionView;
	/** Answers deleted because they no longer fit the question (confirmed edits only). */
	deletedResponses: number;
}

/** Responses whose stored value no longer fits the new definition: what a confirmed edit deletes. */
export async function responsesBrokenBy(db: Db, questionId: string, def: QuestionDefinition): Promise<string[]> {
	const rows = await db
		.select({ id: pollResponses.id, value: pollResponses.value })
		.from(pollResponses)
		.where(eq(pollResponses.questionId, questionId));
	// A type change makes every earlier answer meaningless, even one that happens to parse.
	return rows.filter((r) => !validateValue(def, r.value).ok).map((r) => r.id);
}

/**
 * Replaces a question's definition (options without an id are new). Free until its first answer;
 * after that wording changes pass, anything else needs `confirm: true`. Without it the answer is
 * `needs-confirmation` with the number of answers the edit would delete.
 */
export async function updateQuestion(
	db: Db,
	actor: Actor,
	meetingId: string,
	questionId: string,
	input: unknown,
	now: number
): Promise<PollResult<UpdateQuestionValue>> {
	const parsed = parseQuestionDefinition(input);
	const confirm =
		typeof input === 'object' &&
		input !== null &&
		(input as { confirm?: unknown }).confirm === true;
	return runManageCommand(
		db,
		actor,
		meetingId,
		input,
		{ type: 'poll.question.update', now },
		async (tx) => {
			const row = await getQuestionRow(tx, meetingId, questionId);
			if (!row) return { ok: false, reason: 'question-unknown' };
			if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors };
			const def = parsed.definition;
			if ((await keyTaken(tx, meetingId, def.key, questionId))) {
				return { ok: false, reason: 'invalid', errors: { key: 'key-taken' } };
			}
			const answered = await firstRow(tx
				.select({ id: pollResponses.id })
				.from(pollResponses)
				.where(eq(pollResponses.questionId, questionId))
				.limit(1));
			let broken: string[] = [];
			if (answered && !onlyWordingChanged(toQuestionView(row), def)) {
				broken =
					row.type !== def.type
						? await allResponses(tx, questionId)
						: await responsesBrokenBy(tx, questionId, def);
				if (!confirm)
					return { ok: false, reason: 'needs-confirmation', affectedResponses: broken.length };
			}
			for (const id of broken) await tx.delete(pollResponses).where(eq(pollResponses.id, id));
			await tx.update(pollQuestions)
				.set({ ...def, updatedAt: now })
				.where(eq(pollQuestions.id, questionId));
			const updated = (await getQuestionRow(tx, meetingId, questionId))!;
			return {
				ok: true,
				value: { question: toQuestionView(updated), deletedResponses: broken.length },
				// Surviving ballots stay as they are: they name option ids, and labels live on the question.
				removedBallotIds: broken
			};
		}
	);
}

async function allResponses(db: Db, questionId: string): Promise<string[]> {
	return (await db
		.select({ id: pollResponses.id })
		.from(pollResponses)
		.where(eq(pollResponses.questionId, questionId)))
		.map((r) => r.id);
}
