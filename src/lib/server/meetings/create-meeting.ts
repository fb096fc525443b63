import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { meetings, tables } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { LIMITS } from '../../realtime/limits.ts';
import { generateJoinCode } from './join-code.ts';

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

/** Creates a meeting with its first table and a unique join code; the creator facilitates it. */
export function createMeeting(
	db: Db,
	input: CreateMeetingInput,
	createdBy: string
): { meetingId: string; tableId: string; joinCode: string } {
	const meetingId = newId();
	const tableId = newId();
	return db.transaction((tx) => {
		let joinCode = generateJoinCode();
		// 25^6 ≈ 244 million codes: a clash is rare, so a few retries are plenty.
		for (let i = 0; i < 10 && tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.joinCode, joinCode)).get(); i++) {
			joinCode = generateJoinCode();
		}
		tx.insert(meetings)
			.values({ id: meetingId, title: input.title, joinCode, createdBy, status: 'open' })
			.run();
		tx.insert(tables).values({ id: tableId, meetingId, name: input.tableName, position: 0 }).run();
		return { meetingId, tableId, joinCode };
	});
}

