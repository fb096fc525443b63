import { first } from '../db/query.ts';
import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { participants } from '../db/schema.ts';

// Participants of anonymous meetings, and everyone after their personal data was deleted, carry a
// pseudonym instead of a name. It is stored in Dutch, the UI's default language, and never shown to
// others in an anonymous meeting (boards and presence show no names there at all).
export function pseudonym(n: number): string {
	return `Deelnemer ${n}`;
}

/** The pseudonym for the next participant of a meeting. Call inside the inserting transaction. */
export async function nextPseudonym(db: Db, meetingId: string): Promise<string> {
	const n =
		(await first(db.select({ n: count() }).from(participants).where(eq(participants.meetingId, meetingId))))
			?.n ?? 0;
	return pseudonym(n + 1);
}
