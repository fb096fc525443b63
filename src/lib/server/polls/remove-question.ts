import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { meetings, pollQuestions } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { runManageCommand, type PollResult } from './poll-scope.ts';
import { countResponses, getQuestionRow } from './poll-queries.ts';

/**
 * Removes a question. One with answers needs `confirm: true` (its answers go with it); without it
 * the answer is `needs-confirmation` with their number.
 */
export async function removeQuestion(
	db: Db,
	actor: Actor,
	meetingId: string,
	questionId: string,
	input: unknown,
	now: number
): Promise<PollResult<{ questionId: string; deletedResponses: number }>> {
	const confirm =
		typeof input === 'object' &&
		input !== null &&
		(input as { confirm?: unknown }).confirm === true;
	return runManageCommand(
		db,
		actor,
		meetingId,
		input,
		{ type: 'poll.question.remove', now },
		async (tx, meeting) => {
			if (!(await getQuestionRow(tx, meetingId, questionId)))
				return { ok: false, reason: 'question-unknown' };
			const answers = await countResponses(tx, questionId);
			if (answers > 0 && !confirm)
				return { ok: false, reason: 'needs-confirmation', affectedResponses: answers };
			if (meeting.currentQuestionId === questionId) {
				await tx.update(meetings)
					.set({ currentQuestionId: null })
					.where(eq(meetings.id, meetingId));
			}
			// Responses go by ON DELETE CASCADE.
			await tx.delete(pollQuestions).where(eq(pollQuestions.id, questionId));
			return { ok: true, value: { questionId, deletedResponses: answers }, prune: true };
		}
	);
}
