import { insertionOrder } from '../db/dialect-sql.ts';
import { first, firstRow } from '../db/query.ts';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
	Ballot,
	PollQuestionView,
	PollSnapshot,
	PollState
} from '../../realtime/meeting-doc.ts';
import type { Db } from '../db/client.ts';
import { meetings, participants, pollQuestions, pollResponses } from '../db/schema.ts';
import { pollAcceptsAnswers } from '../access/poll-policies.ts';

export type QuestionRow = typeof pollQuestions.$inferSelect;
type MeetingRow = typeof meetings.$inferSelect;

export function toQuestionView(row: QuestionRow): PollQuestionView {
	return {
		id: row.id,
		key: row.key,
		position: row.position,
		type: row.type,
		prompt: row.prompt,
		help: row.help,
		required: row.required,
		options: row.options,
		maxChoices: row.maxChoices,
		scaleMin: row.scaleMin,
		scaleMax: row.scaleMax,
		scaleMinLabel: row.scaleMinLabel,
		scaleMaxLabel: row.scaleMaxLabel,
		allowExplanation: row.allowExplanation,
		revealed: row.revealedAt !== null
	};
}

export async function listQuestionRows(db: Db, meetingId: string): Promise<QuestionRow[]> {
	return await db
		.select()
		.from(pollQuestions)
		.where(eq(pollQuestions.meetingId, meetingId))
		.orderBy(asc(pollQuestions.position), asc(pollQuestions.id));
}

export async function getQuestionRow(db: Db, meetingId: string, questionId: string): Promise<QuestionRow | null> {
	return (
		(await first(db
			.select()
			.from(pollQuestions)
			.where(and(eq(pollQuestions.meetingId, meetingId), eq(pollQuestions.id, questionId))))) ?? null
	);
}

export async function lastPosition(db: Db, meetingId: string): Promise<string | null> {
	const row = await firstRow(db
		.select({ position: pollQuestions.position })
		.from(pollQuestions)
		.where(eq(pollQuestions.meetingId, meetingId))
		.orderBy(desc(pollQuestions.position))
		.limit(1));
	return row?.position ?? null;
}

export function pollState(
	meeting: Pick<MeetingRow, 'status' | 'pollClosedAt' | 'currentQuestionId' | 'anonymous'>
): PollState {
	return {
		open: pollAcceptsAnswers(meeting),
		currentQuestionId: meeting.currentQuestionId,
		anonymous: meeting.anonymous
	};
}

/** Number of answers per question of a meeting. */
export async function answerCounts(db: Db, meetingId: string): Promise<Record<string, number>> {
	const rows = await db
		.select({ questionId: pollResponses.questionId, n: count() })
		.from(pollResponses)
		.where(eq(pollResponses.meetingId, meetingId))
		.groupBy(pollResponses.questionId);
	return Object.fromEntries(rows.map((r) => [r.questionId, r.n]));
}

export async function countResponses(db: Db, questionId: string): Promise<number> {
	return (
		(await first(db
			.select({ n: count() })
			.from(pollResponses)
			.where(eq(pollResponses.questionId, questionId))))?.n ?? 0
	);
}

/** State, questions and counts as SQL has them; null when the meeting does not exist. */
export async function pollSnapshot(db: Db, meetingId: string): Promise<PollSnapshot | null> {
	const meeting = await first(db.select().from(meetings).where(eq(meetings.id, meetingId)));
	if (!meeting) return null;
	return {
		state: pollState(meeting),
		questions: (await listQuestionRows(db, meetingId)).map(toQuestionView),
		counts: await answerCounts(db, meetingId)
	};
}

/**
 * Ballots of a meeting (optionally only some questions or some responses), with the segment of
 * whoever answered. Names only when asked for and the meeting is named.
 */
export async function listBallots(
	db: Db,
	meetingId: string,
	opts: { questionIds?: string[]; responseIds?: string[]; withNames?: boolean } = {}
): Promise<Ballot[]> {
	const filters = [eq(pollResponses.meetingId, meetingId)];
	if (opts.questionIds) filters.push(inArray(pollResponses.questionId, opts.questionIds));
	if (opts.responseIds) filters.push(inArray(pollResponses.id, opts.responseIds));
	const rows = await db
		.select({
			r: pollResponses,
			sector: participants.sector,
			regionId: participants.regionId,
			name: participants.displayName,
			anonymous: meetings.anonymous
		})
		.from(pollResponses)
		.innerJoin(participants, eq(participants.id, pollResponses.participantId))
		.innerJoin(meetings, eq(meetings.id, pollResponses.meetingId))
		.where(and(...filters))
		.orderBy(asc(pollResponses.createdAt), insertionOrder(pollResponses));
	return rows.map((row) => ({
		id: row.r.id,
		questionId: row.r.questionId,
		value: row.r.value,
		explanation: row.r.explanation,
		sector: row.sector,
		regionId: row.regionId,
		name: opts.withNames && !row.anonymous ? row.name : null
	}));
}
