import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { pollQuestions, users } from '../db/schema.ts';

// Small facts the meeting's setup page shows beside the meeting itself.

/** The name of the account that created the meeting ('' when it is gone). */
export function ownerName(db: Db, userId: string): string {
	return db.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? '';
}

export function pollQuestionCount(db: Db, meetingId: string): number {
	return (
		db.select({ n: count() }).from(pollQuestions).where(eq(pollQuestions.meetingId, meetingId)).get()?.n ?? 0
	);
}
