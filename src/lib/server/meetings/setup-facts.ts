import { first } from '../db/query.ts';
import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { pollQuestions, users } from '../db/schema.ts';

// Small facts the meeting's setup page shows beside the meeting itself.

/** The name of the account that created the meeting ('' when it is gone). */
export async function ownerName(db: Db, userId: string): Promise<string> {
	return (await first(db.select({ name: users.name }).from(users).where(eq(users.id, userId))))?.name ?? '';
}

export async function pollQuestionCount(db: Db, meetingId: string): Promise<number> {
	return (
		(await first(db.select({ n: count() }).from(pollQuestions).where(eq(pollQuestions.meetingId, meetingId))))?.n ?? 0
	);
}
