import { first } from '../db/query.ts';
import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { meetings } from '../db/schema.ts';
import { createMeeting } from '../meetings/create-meeting.ts';
import { createRealisticMeeting } from '../fixtures/realistic-meeting.ts';

/** Demo meetings for a first look, created only when the demo facilitator has none. */
export async function seedDemoMeeting(db: Db, facilitatorId: string): Promise<void> {
	const owned = await first(db.select({ n: count() }).from(meetings).where(eq(meetings.createdBy, facilitatorId)));
	if ((owned?.n ?? 0) > 0) return;
	const { meetingId } = await createMeeting(
		db,
		{ title: 'Demo-opdenksessie: het partnerschap in de onderwijsregio', tableName: 'Tafel 1 · Governance' },
		facilitatorId
	);
	await db.update(meetings).set({ status: 'open' }).where(eq(meetings.id, meetingId));
	// And one full of answers, to see results, filters and exports at once.
	await createRealisticMeeting(db, facilitatorId, { now: Date.now() });
}
