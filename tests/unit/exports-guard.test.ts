import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb } from '../helpers/test-db.ts';
import { addCoFacilitator, facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { createUser } from '../../src/lib/server/users/users.ts';
import { managedMeeting } from '../../src/lib/server/exports/guard.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

async function user(role: 'admin' | 'facilitator', email: string) {
	const userId = await createUser(db, { email, name: email, role, password: 'correct horse battery' });
	return (await signIn(db, { userId })).actor;
}

describe('who may download raw data and manage invitations', () => {
	it('answers 401 signed out, 404 for no such meeting, 403 for a participant or another facilitator', async () => {
		const { meetingId, joinCode } = await facilitatorWithMeeting(db);
		const participant = (await signIn(db, { participantId: (await joinAs(db, joinCode, 'Anna')).participantId })).actor;
		const other = await user('facilitator', 'ander@example.nl');
		expect(await managedMeeting(db, null, meetingId)).toEqual({ ok: false, status: 401, reason: 'not-signed-in' });
		expect(await managedMeeting(db, other, 'nope')).toEqual({ ok: false, status: 404, reason: 'not-found' });
		expect(await managedMeeting(db, participant, meetingId)).toEqual({ ok: false, status: 403, reason: 'not-allowed' });
		expect(await managedMeeting(db, other, meetingId)).toEqual({ ok: false, status: 403, reason: 'not-allowed' });
	});

	it('lets the creator, a co-facilitator and an admin in', async () => {
		const { meetingId, userId } = await facilitatorWithMeeting(db);
		const creator = (await signIn(db, { userId })).actor;
		const co = await user('facilitator', 'co@example.nl');
		if (co.kind === 'user') await addCoFacilitator(db, meetingId, co.user.id);
		const admin = await user('admin', 'beheer@example.nl');
		for (const actor of [creator, co, admin]) expect((await managedMeeting(db, actor, meetingId)).ok).toBe(true);
	});
});
