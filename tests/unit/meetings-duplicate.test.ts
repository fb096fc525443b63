import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { addCoFacilitator, facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import { createUser } from '../../src/lib/server/users/users.ts';
import {
	meetingFacilitators,
	participants,
	pollQuestions,
	themes
} from '../../src/lib/server/db/schema.ts';
import { duplicateMeeting } from '../../src/lib/server/meetings/duplicate-meeting.ts';
import { getMeeting, listMeetingTables } from '../../src/lib/server/meetings/queries.ts';
import { issueProjectorToken } from '../../src/lib/server/meetings/projector-token.ts';
import { createMeetingFromTemplate } from '../../src/lib/server/templates/create-from-template.ts';
import { changeMeetingStatus } from '../../src/lib/server/meetings/change-status.ts';
import type { Db } from '../../src/lib/server/db/client.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

describe('duplicating a meeting', () => {
	it('deep-copies details, tables, themes and questions with new ids, as a draft with a new code', async () => {
		const { userId } = await facilitatorWithMeeting(db);
		const { actor } = signIn(db, { userId });
		const source = createMeetingFromTemplate(
			db,
			actor,
			{
				title: 'Origineel',
				place: 'Utrecht',
				startsAt: 1_800_000_000_000,
				anonymous: true,
				introduction: 'Welkom'
			},
			1
		);
		if (!source.ok) throw new Error('template');
		changeMeetingStatus(
			db,
			actor,
			source.meetingId,
			{ commandId: 'cmd-open-src', action: 'open' },
			2
		);
		joinAs(db, source.joinCode, 'Anna');
		issueProjectorToken(db, actor, source.meetingId, 3);

		const copy = duplicateMeeting(db, actor, source.meetingId, 'Kopie van Origineel', 10);
		if (!copy.ok) throw new Error(copy.reason);
		const original = getMeeting(db, source.meetingId)!;
		const duplicate = getMeeting(db, copy.meetingId)!;
		expect(duplicate).toMatchObject({
			title: 'Kopie van Origineel',
			status: 'draft',
			place: 'Utrecht',
			startsAt: 1_800_000_000_000,
			anonymous: true,
			introduction: 'Welkom',
			projectorTokenHash: null,
			pollClosedAt: null
		});
		expect(duplicate.joinCode).not.toBe(original.joinCode);

		const strip = <T extends { id: string; meetingId: string }>(rows: T[]) =>
			rows.map(({ id: _i, meetingId: _m, ...rest }) => rest);
		const tablesOf = (id: string) => listMeetingTables(db, id).map(({ createdAt: _c, ...t }) => t);
		expect(strip(tablesOf(copy.meetingId))).toEqual(strip(tablesOf(source.meetingId)));
		const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
		expect(
			[...ids(tablesOf(copy.meetingId))].some((id) => ids(tablesOf(source.meetingId)).has(id))
		).toBe(false);

		const themesOf = (id: string) => db.select().from(themes).where(eq(themes.meetingId, id)).all();
		expect(strip(themesOf(copy.meetingId)).map((t) => t.name)).toEqual(
			strip(themesOf(source.meetingId)).map((t) => t.name)
		);
		const questionsOf = (id: string) =>
			db.select().from(pollQuestions).where(eq(pollQuestions.meetingId, id)).all();
		const qCopy = questionsOf(copy.meetingId);
		const qSource = questionsOf(source.meetingId);
		expect(qCopy.map((q) => [q.key, q.position, q.options])).toEqual(
			qSource.map((q) => [q.key, q.position, q.options])
		);
		expect(qCopy.some((q) => ids(qSource).has(q.id))).toBe(false);

		expect(
			db.select().from(participants).where(eq(participants.meetingId, copy.meetingId)).all()
		).toEqual([]);
	});

	it('keeps the team: the original creator becomes a co-facilitator of a copy made by a co-facilitator', async () => {
		const m = await facilitatorWithMeeting(db);
		const coId = await createUser(db, {
			email: 'co@example.nl',
			name: 'Co',
			role: 'facilitator',
			password: 'correct horse battery'
		});
		addCoFacilitator(db, m.meetingId, coId);
		const { actor } = signIn(db, { userId: coId });
		const copy = duplicateMeeting(db, actor, m.meetingId, 'Kopie', 1);
		if (!copy.ok) throw new Error(copy.reason);
		expect(getMeeting(db, copy.meetingId)?.createdBy).toBe(coId);
		const team = db
			.select()
			.from(meetingFacilitators)
			.where(eq(meetingFacilitators.meetingId, copy.meetingId))
			.all();
		expect(team.map((r) => r.userId)).toEqual([m.userId]);
	});

	it('is refused to a facilitator of another meeting', async () => {
		const m = await facilitatorWithMeeting(db);
		const other = await facilitatorWithMeeting(db);
		const { actor } = signIn(db, { userId: other.userId });
		expect(duplicateMeeting(db, actor, m.meetingId, 'Kopie', 1)).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
	});
});
