import { first, firstRow } from '../db/query.ts';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { participants, pollQuestions, pollResponses, tables } from '../db/schema.ts';
import { pollAcceptsAnswers } from '../access/poll-policies.ts';
import { getMeeting } from './queries.ts';

// Where a participant goes next, so a screen can show that one step plainly instead of a row of small
// links: first an open poll they have not answered, then their table (or choosing one).

export type TableStep =
	| { kind: 'table'; href: string; tableName: string }
	| { kind: 'choose-table'; href: string }
	/** No table to go to yet (a meeting without tables): wait for the facilitator. */
	| { kind: 'wait' };

/** The participant's table, or the page to choose one when the facilitator lets people choose. */
export async function tableStep(db: Db, participantId: string): Promise<TableStep> {
	const me = await first(db.select({ meetingId: participants.meetingId, tableId: participants.tableId }).from(participants).where(eq(participants.id, participantId)));
	if (!me) return { kind: 'wait' };
	if (me.tableId) {
		const table = await first(db.select({ name: tables.name }).from(tables).where(eq(tables.id, me.tableId)));
		if (table) return { kind: 'table', href: `/tables/${me.tableId}`, tableName: table.name };
	}
	const hasTables = await firstRow(db.select({ id: tables.id }).from(tables).where(eq(tables.meetingId, me.meetingId)).limit(1));
	return hasTables ? { kind: 'choose-table', href: `/meetings/${me.meetingId}/tables` } : { kind: 'wait' };
}

/** True while the meeting's poll takes answers, has questions, and this participant gave none yet. */
export async function pollWaitsFor(db: Db, participantId: string): Promise<boolean> {
	const me = await first(db.select({ meetingId: participants.meetingId }).from(participants).where(eq(participants.id, participantId)));
	const meeting = me ? await getMeeting(db, me.meetingId) : null;
	if (!me || !meeting || !pollAcceptsAnswers(meeting)) return false;
	const question = await firstRow(db.select({ id: pollQuestions.id }).from(pollQuestions).where(eq(pollQuestions.meetingId, me.meetingId)).limit(1));
	if (!question) return false;
	const answered = await firstRow(db
		.select({ id: pollResponses.id })
		.from(pollResponses)
		.where(and(eq(pollResponses.meetingId, me.meetingId), eq(pollResponses.participantId, participantId)))
		.limit(1));
	return !answered;
}

/** The page a participant lands on right after joining. */
export async function pathAfterJoin(db: Db, participantId: string): Promise<string> {
	const me = await first(db.select({ meetingId: participants.meetingId }).from(participants).where(eq(participants.id, participantId)));
	if (me && (await pollWaitsFor(db, participantId))) return `/meetings/${me.meetingId}/poll`;
	const next = await tableStep(db, participantId);
	return next.kind === 'wait' ? (me ? `/meetings/${me.meetingId}/poll` : '/') : next.href;
}
