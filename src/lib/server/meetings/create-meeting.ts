import { mapInOrder } from '../in-order.ts';
import { first } from '../db/query.ts';
import { transaction } from '../db/transaction.ts';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { meetings, tables, themes } from '../db/schema.ts';
import { OPDENKSESSIE_THEMES } from '../templates/opdenksessie.ts';
import { newId } from '../ids.ts';
import { LIMITS } from '../../realtime/limits.ts';
import { generateJoinCode } from './join-code.ts';
import type { MeetingDetails } from './meeting-details.ts';
import type { Actor } from '../auth/session.ts';
import type { CommandOutcome } from '../commands/frame.ts';
import { runCreation } from './staff-scope.ts';

export const CreateMeetingSchema = v.object({
	title: v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty('title-required'),
		v.maxLength(LIMITS.meetingTitleMax, 'title-too-long')
	),
	tableName: v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty('table-required'),
		v.maxLength(LIMITS.tableNameMax, 'table-too-long')
	)
});
export type CreateMeetingInput = v.InferOutput<typeof CreateMeetingSchema>;

/** A join code no other meeting has. Call inside the transaction that inserts the meeting. */
export async function uniqueJoinCode(db: Db): Promise<string> {
	let joinCode = generateJoinCode();
	// 25^6 ≈ 244 million codes: a clash is rare, so a few retries are plenty.
	for (
		let i = 0;
		i < 10 &&
		(await first(db.select({ id: meetings.id }).from(meetings).where(eq(meetings.joinCode, joinCode))));
		i++
	) {
		joinCode = generateJoinCode();
	}
	return joinCode;
}

/** Inserts a draft meeting (no tables); the creator facilitates it. Call inside a transaction. */
export async function insertMeeting(
	db: Db,
	details: Partial<MeetingDetails> & { title: string },
	createdBy: string
): Promise<{ meetingId: string; joinCode: string }> {
	const meetingId = newId();
	const joinCode = await uniqueJoinCode(db);
	// New meetings seat newcomers evenly; a facilitator who lets people choose turns that on, and then
	// newcomers pick their own table (join-meeting.ts). The column's own default predates that choice.
	await db.insert(meetings)
		.values({ participantsChooseTable: false, ...details, id: meetingId, joinCode, createdBy, status: 'draft' });
	return { meetingId, joinCode };
}

/**
 * Creates a meeting with its first table, the default themes and a unique join code; the creator
 * facilitates it.
 * New meetings are drafts: nobody can join until a facilitator opens them (transitions.ts).
 */
export async function createMeeting(
	db: Db,
	input: CreateMeetingInput & Partial<Omit<MeetingDetails, 'title'>>,
	createdBy: string
): Promise<{ meetingId: string; tableId: string; joinCode: string }> {
	const tableId = newId();
	const { tableName, ...details } = input;
	return transaction(db, async (tx) => {
		const { meetingId, joinCode } = await insertMeeting(tx, details, createdBy);
		await tx.insert(tables).values({ id: tableId, meetingId, name: tableName, position: 0 });
		// Every meeting starts with the default themes to cluster under; the facilitator changes them.
		await mapInOrder(OPDENKSESSIE_THEMES, async (t, position) => {
			await tx.insert(themes).values({ ...t, id: newId(), meetingId, position });
		});
		return { meetingId, tableId, joinCode };
	});
}

/** A staff member creates a meeting from the form: the creation command of the frame (staff-scope.ts). */
export async function createMeetingCommand(
	db: Db,
	actor: Actor | null,
	input: CreateMeetingInput & Partial<Omit<MeetingDetails, 'title'>>,
	now: number
): Promise<CommandOutcome<{ meetingId: string; tableId: string; joinCode: string }>> {
	return runCreation(db, actor, now, {
		type: 'meeting.create',
		payload: { title: input.title },
		run: async (tx, staff) => ({ ok: true, result: await createMeeting(tx, input, staff.user.id) })
	});
}
