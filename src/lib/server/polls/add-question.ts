import { first } from '../db/query.ts';
import { and, eq } from 'drizzle-orm';
import { generateKeyBetween } from 'fractional-indexing';
import type { PollQuestionView } from '../../realtime/meeting-doc.ts';
import type { Db } from '../db/client.ts';
import { pollQuestions } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { newId } from '../ids.ts';
import { runManageCommand, type PollResult } from './poll-scope.ts';
import { parseQuestionDefinition, type QuestionDefinition } from './question-schema.ts';
import { lastPosition, toQuestionView } from './poll-queries.ts';

export async function keyTaken(db: Db, meetingId: string, key: string, exceptId: string | null): Promise<boolean> {
	const row = await first(db
		.select({ id: pollQuestions.id })
		.from(pollQuestions)
		.where(and(eq(pollQuestions.meetingId, meetingId), eq(pollQuestions.key, key))));
	return !!row && row.id !== exceptId;
}

/** Adds a question at the end of the poll. Input: the definition plus `commandId`. */
export async function addQuestion(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: unknown,
	now: number
): Promise<PollResult<{ question: PollQuestionView }>> {
	const parsed = parseQuestionDefinition(input);
	return runManageCommand(db, actor, meetingId, input, { type: 'poll.question.add', now }, async (tx) => {
		if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors };
		const def: QuestionDefinition = parsed.definition;
		if ((await keyTaken(tx, meetingId, def.key, null))) {
			return { ok: false, reason: 'invalid', errors: { key: 'key-taken' } };
		}
		const row = {
			id: newId(),
			meetingId,
			...def,
			position: generateKeyBetween(await lastPosition(tx, meetingId), null),
			revealedAt: null,
			createdAt: now,
			updatedAt: now
		};
		await tx.insert(pollQuestions).values(row);
		return { ok: true, value: { question: toQuestionView(row) } };
	});
}
