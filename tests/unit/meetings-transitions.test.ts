import { first } from '../../src/lib/server/db/query.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, setMeetingStatus, signIn } from '../helpers/fixtures.ts';
import {
	MEETING_STATUSES,
	commandLog,
	meetings,
	type MeetingStatus
} from '../../src/lib/server/db/schema.ts';
import {
	acceptsParticipants,
	availableTransitions,
	detailsEditable,
	joinRefusal,
	planTransition,
	TRANSITION_ACTIONS,
	type TransitionAction
} from '../../src/lib/server/meetings/transitions.ts';
import { changeMeetingStatus } from '../../src/lib/server/meetings/change-status.ts';
import { createMeeting } from '../../src/lib/server/meetings/create-meeting.ts';
import { resolveJoinCode } from '../../src/lib/server/meetings/join-meeting.ts';
import { getMeeting } from '../../src/lib/server/meetings/queries.ts';
import type { Db } from '../../src/lib/server/db/client.ts';

// The whole table of steps: [from, action] → to. Every pair not listed must be refused.
const ALLOWED: Array<[MeetingStatus, TransitionAction, MeetingStatus]> = [
	['draft', 'open', 'open'],
	['draft', 'archive', 'archived'],
	['open', 'start', 'live'],
	['open', 'close', 'closed'],
	['live', 'pause', 'open'],
	['live', 'close', 'closed'],
	['closed', 'reopen', 'open'],
	['closed', 'archive', 'archived']
];

describe('meeting status transitions (pure)', () => {
	it('allow exactly the listed steps and refuse every other pair', () => {
		for (const from of MEETING_STATUSES) {
			for (const action of TRANSITION_ACTIONS) {
				const allowed = ALLOWED.find(([f, a]) => f === from && a === action);
				expect(planTransition(from, action), `${from} --${action}-->`).toEqual(
					allowed ? { ok: true, to: allowed[2] } : { ok: false, reason: 'invalid-transition' }
				);
			}
		}
	});

	it('offer the UI the same steps the server accepts; archived is final', () => {
		expect(availableTransitions('draft')).toEqual(['open', 'archive']);
		expect(availableTransitions('live')).toEqual(['pause', 'close']);
		expect(availableTransitions('archived')).toEqual([]);
	});

	it('admit participants only while open or live, and say why otherwise', () => {
		expect(MEETING_STATUSES.filter(acceptsParticipants)).toEqual(['open', 'live']);
		expect(joinRefusal('draft')).toBe('meeting-not-open');
		expect(joinRefusal('open')).toBeNull();
		expect(joinRefusal('live')).toBeNull();
		expect(joinRefusal('closed')).toBe('meeting-closed');
		expect(joinRefusal('archived')).toBe('meeting-closed');
	});

	it('keep details editable until the meeting closes', () => {
		expect(MEETING_STATUSES.filter(detailsEditable)).toEqual(['draft', 'open', 'live']);
	});
});

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

describe('changing the status (command)', () => {
	it('starts new meetings as drafts whose join code says "not open yet"', async () => {
		const { userId } = await facilitatorWithMeeting(db);
		const draft = await createMeeting(db, { title: 'Nieuw', tableName: 'Tafel 1' }, userId);
		expect((await getMeeting(db, draft.meetingId))?.status).toBe('draft');
		expect(await resolveJoinCode(db, draft.joinCode)).toEqual({ ok: false, reason: 'meeting-not-open' });
	});

	it('applies a step, logs it, and answers a retry with the same command id once', async () => {
		const m = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId: m.userId });
		const first = await changeMeetingStatus(
			db,
			actor,
			m.meetingId,
			{ commandId: 'cmd-start-1', action: 'start' },
			1000
		);
		expect(first).toMatchObject({ ok: true, status: 'live', replayed: false });
		// The live docs learn the new state from a fresh poll projection.
		expect(first.ok && first.change).toMatchObject({ type: 'poll.changed' });
		const again = await changeMeetingStatus(
			db,
			actor,
			m.meetingId,
			{ commandId: 'cmd-start-1', action: 'start' },
			2000
		);
		expect(again).toEqual({ ok: true, status: 'live', replayed: true, change: null });
		const log = await db.select().from(commandLog).where(eq(commandLog.meetingId, m.meetingId));
		expect(log.map((e) => [e.type, e.payload])).toEqual([
			['meeting.status', { action: 'start', from: 'open' }]
		]);
	});

	it('refuses a step that does not apply (the route answers 409)', async () => {
		const m = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId: m.userId });
		expect(
			await changeMeetingStatus(
				db,
				actor,
				m.meetingId,
				{ commandId: 'cmd-reopen-1', action: 'reopen' },
				1
			)
		).toEqual({
			ok: false,
			reason: 'invalid-transition'
		});
		await setMeetingStatus(db, m.meetingId, 'archived');
		expect(
			await changeMeetingStatus(db, actor, m.meetingId, { commandId: 'cmd-open-22', action: 'open' }, 1)
		).toMatchObject({
			reason: 'invalid-transition'
		});
	});

	it('closes the poll with the meeting, and reopening leaves the poll closed', async () => {
		const m = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId: m.userId });
		await changeMeetingStatus(
			db,
			actor,
			m.meetingId,
			{ commandId: 'cmd-close-1', action: 'close' },
			5000
		);
		expect(await getMeeting(db, m.meetingId)).toMatchObject({ status: 'closed', pollClosedAt: 5000 });
		expect(await resolveJoinCode(db, m.joinCode)).toEqual({ ok: false, reason: 'meeting-closed' });
		await changeMeetingStatus(
			db,
			actor,
			m.meetingId,
			{ commandId: 'cmd-reopen-1', action: 'reopen' },
			6000
		);
		expect(await getMeeting(db, m.meetingId)).toMatchObject({ status: 'open', pollClosedAt: 5000 });
	});

	it('refuses facilitators of other meetings, participants and unknown actions', async () => {
		const m = await facilitatorWithMeeting(db);
		const other = await facilitatorWithMeeting(db);
		const { actor: stranger } = await signIn(db, { userId: other.userId });
		expect(
			await changeMeetingStatus(
				db,
				stranger,
				m.meetingId,
				{ commandId: 'cmd-close-9', action: 'close' },
				1
			)
		).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
		expect(
			await changeMeetingStatus(db, null, m.meetingId, { commandId: 'cmd-close-9', action: 'close' }, 1)
		).toMatchObject({ reason: 'not-allowed' });
		const { actor } = await signIn(db, { userId: m.userId });
		expect(
			await changeMeetingStatus(
				db,
				actor,
				m.meetingId,
				{ commandId: 'cmd-x-12345', action: 'explode' },
				1
			)
		).toMatchObject({ reason: 'invalid' });
		expect((await first(db.select().from(meetings).where(eq(meetings.id, m.meetingId))))?.status).toBe(
			'open'
		);
	});
});
