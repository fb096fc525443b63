import * as v from 'valibot';
import { eq } from 'drizzle-orm';
import { generateKeyBetween } from 'fractional-indexing';
import type { Db } from '../db/client.ts';
import { pollQuestions } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { runManageCommand, type PollResult } from './poll-scope.ts';
import { issueCodes } from './question-schema.ts';
import { listQuestionRows } from './poll-queries.ts';

const ReorderSchema = v.object({
	questionId: v.string('question-unknown'),
	/** The question it goes after; null puts it first (drag and drop, or the up/down buttons). */
	afterId: v.nullable(v.string('question-unknown'))
});

/** Moves a question by giving it a fractional position between its new neighbours. */
export async function reorderQuestion(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: unknown,
	now: number
): Promise<PollResult<{ questionId: string; position: string }>> {
	const parsed = v.safeParse(ReorderSchema, input);
	return runManageCommand(
		db,
		actor,
		meetingId,
		input,
		{ type: 'poll.question.reorder', now },
		async (tx) => {
			if (!parsed.success)
				return { ok: false, reason: 'invalid', errors: issueCodes(parsed.issues) };
			const { questionId, afterId } = parsed.output;
			const others = (await listQuestionRows(tx, meetingId)).filter((q) => q.id !== questionId);
			if (others.length === (await listQuestionRows(tx, meetingId)).length)
				return { ok: false, reason: 'question-unknown' };
			const at = afterId === null ? -1 : others.findIndex((q) => q.id === afterId);
			if (afterId !== null && at < 0) return { ok: false, reason: 'question-unknown' };
			const position = generateKeyBetween(
				others[at]?.position ?? null,
				others[at + 1]?.position ?? null
			);
			await tx.update(pollQuestions)
				.set({ position, updatedAt: now })
				.where(eq(pollQuestions.id, questionId));
			return { ok: true, value: { questionId, position } };
		}
	);
}
