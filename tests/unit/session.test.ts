import { first } from '../../src/lib/server/db/query.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, joinAs } from '../helpers/fixtures.ts';
import {
	createSession,
	invalidateSession,
	validateSessionToken
} from '../../src/lib/server/auth/session.ts';
import { sessions, users } from '../../src/lib/server/db/schema.ts';
import type { Db } from '../../src/lib/server/db/client.ts';

const DAY = 86_400_000;
const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

describe('auth sessions', () => {
	it('validate a fresh token to the user who owns it', async () => {
		const { userId } = await facilitatorWithMeeting(db);
		const { token } = await createSession(db, { userId }, { days: 30, now: 1_000 });
		const result = await validateSessionToken(db, token, { days: 30, now: 2_000 });
		expect(result.actor?.kind).toBe('user');
		expect(result.actor?.kind === 'user' && result.actor.user.id).toBe(userId);
	});

	it('bind a participant session to one meeting and table', async () => {
		const { joinCode, meetingId, tableId } = await facilitatorWithMeeting(db);
		const joined = await joinAs(db, joinCode, 'Anna');
		const { token } = await createSession(db, { participantId: joined.participantId }, { days: 1, now: 0 });
		const { actor } = await validateSessionToken(db, token, { days: 1, now: 1 });
		expect(actor).toEqual({
			kind: 'participant',
			participant: expect.objectContaining({ meetingId, tableId, displayName: 'Anna' })
		});
	});

	it('refuse an unknown or malformed token', async () => {
		expect((await validateSessionToken(db, 'a'.repeat(32), { days: 30, now: 0 })).session).toBeNull();
		expect((await validateSessionToken(db, "' or 1=1 --", { days: 30, now: 0 })).session).toBeNull();
	});

	it('refuse an expired session and delete it', async () => {
		const { userId } = await facilitatorWithMeeting(db);
		const { token, session } = await createSession(db, { userId }, { days: 1, now: 0 });
		const result = await validateSessionToken(db, token, { days: 1, now: DAY + 1 });
		expect(result).toEqual({ session: null, actor: null });
		expect(await first(db.select().from(sessions).where(eq(sessions.id, session.id)))).toBeUndefined();
	});

	it('slide the expiry forward when used in the second half of its life', async () => {
		const { userId } = await facilitatorWithMeeting(db);
		const { token } = await createSession(db, { userId }, { days: 30, now: 0 });
		const early = await validateSessionToken(db, token, { days: 30, now: 5 * DAY });
		expect(early.session?.expiresAt).toBe(30 * DAY);
		const late = await validateSessionToken(db, token, { days: 30, now: 20 * DAY });
		expect(late.session?.expiresAt).toBe(50 * DAY);
	});

	it('refuse a session of a disabled account', async () => {
		const { userId } = await facilitatorWithMeeting(db);
		const { token } = await createSession(db, { userId }, { days: 30, now: 0 });
		await db.update(users).set({ disabled: true }).where(eq(users.id, userId));
		expect((await validateSessionToken(db, token, { days: 30, now: 1 })).actor).toBeNull();
	});

	it('end at logout', async () => {
		const { userId } = await facilitatorWithMeeting(db);
		const { token, session } = await createSession(db, { userId }, { days: 30, now: 0 });
		await invalidateSession(db, session.id);
		expect((await validateSessionToken(db, token, { days: 30, now: 1 })).session).toBeNull();
	});

	it('belong to exactly one user or one participant', async () => {
		const { userId } = await facilitatorWithMeeting(db);
		await expect(async () =>
			await db.insert(sessions).values({ id: 'x', userId: null, participantId: null, expiresAt: 1 })
		).rejects.toThrow(/CHECK constraint/);
		expect(userId).toBeTruthy();
	});
});
