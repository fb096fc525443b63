import type { Db } from '../../src/lib/server/db/client.ts';
import { meetingFacilitators, meetings, tables } from '../../src/lib/server/db/schema.ts';
import { createUser } from '../../src/lib/server/users/users.ts';
import { createMeeting } from '../../src/lib/server/meetings/create-meeting.ts';
import { joinMeeting } from '../../src/lib/server/meetings/join-meeting.ts';
import { seedDemoRegister } from '../../src/lib/server/demo/seed-demo.ts';
import { createSession, type Actor } from '../../src/lib/server/auth/session.ts';
import { validateSessionToken } from '../../src/lib/server/auth/session.ts';
import { newId } from '../../src/lib/server/ids.ts';
import { eq } from 'drizzle-orm';

export const LIFE = { days: 30, now: Date.now() };

/** A facilitator with an open meeting of one table (new meetings are drafts; this one admits people). */
export async function facilitatorWithMeeting(db: Db, opts: { email?: string; title?: string } = {}) {
	await seedDemoRegister(db);
	const userId = await createUser(db, {
		email: opts.email ?? `fac-${newId()}@example.nl`,
		name: 'Fien Facilitator',
		role: 'facilitator',
		password: 'correct horse battery'
	});
	const meeting = await createMeeting(db, { title: opts.title ?? 'Opdenksessie', tableName: 'Tafel 1' }, userId);
	await setMeetingStatus(db, meeting.meetingId, 'open');
	return { userId, ...meeting };
}

export async function addTable(db: Db, meetingId: string, name = 'Tafel 2'): Promise<string> {
	const id = newId();
	await db.insert(tables).values({ id, meetingId, name, position: 1 });
	return id;
}

export async function addCoFacilitator(db: Db, meetingId: string, userId: string): Promise<void> {
	await db.insert(meetingFacilitators).values({ meetingId, userId });
}

export async function setMeetingStatus(db: Db, meetingId: string, status: 'draft' | 'open' | 'live' | 'closed' | 'archived') {
	await db.update(meetings).set({ status }).where(eq(meetings.id, meetingId));
}

export async function joinAs(db: Db, joinCode: string, displayName: string) {
	const result = await joinMeeting(db, joinCode, {
		displayName,
		partnership: 'Partnerschap IJsselkracht',
		sector: 'po'
	});
	if (!result.ok) throw new Error(`join failed: ${result.reason}`);
	return result;
}

/** Signs an owner in and returns the cookie token and the actor the server will see. */
export async function signIn(db: Db, owner: { userId: string } | { participantId: string }): Promise<{ token: string; actor: Actor }> {
	const { token } = await createSession(db, owner, LIFE);
	const { actor } = await validateSessionToken(db, token, LIFE);
	if (!actor) throw new Error('session did not validate');
	return { token, actor };
}
