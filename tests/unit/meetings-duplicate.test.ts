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
		const { actor } = await signIn(db, { userId });
		const source = await createMeetingFromTemplate(
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
		await changeMeetingStatus(
			db,
			actor,
			source.meetingId,
			{ commandId: 'cmd-open-src', action: 'open' },
			2
		);
		await joinAs(db, source.joinCode, 'Anna');
		await issueProjectorToken(db, actor, source.meetingId, 3);

		const copy = await duplicateMeeting(db, actor, source.meetingId, 'Kopie van Origineel', 10);
		if (!copy.ok) throw new Error(copy.reason);
		const original = (await getMeeting(db, source.meetingId))!;
		const duplicate = (await getMeeting(db, copy.meetingId))!;
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
		const tablesOf = async (id: string) => (await listMeetingTables(db, id)).map(({ createdAt: _c, ...t }) => t);
		expect(strip(await tablesOf(copy.meetingId))).toEqual(strip(await tablesOf(source.meetingId)));
		const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
		const sourceIds = ids(await tablesOf(source.meetingId));
		expect([...ids(await tablesOf(copy.meetingId))].some((id) => sourceIds.has(id))).toBe(false);

		const themesOf = async (id: string) => await db.select().from(themes).where(eq(themes.meetingId, id));
		expect(strip(await themesOf(copy.meetingId)).map((t) => t.name)).toEqual(
			strip(await themesOf(source.meetingId)).map((t) => t.name)
		);
		const questionsOf = async (id: string) =>
			await db.select().from(pollQuestions).where(eq(pollQuestions.meetingId, id));
		const qCopy = await questionsOf(copy.meetingId);
		const qSource = await questionsOf(source.meetingId);
		expect(qCopy.map((q) => [q.key, q.position, q.options])).toEqual(
			qSource.map((q) => [q.key, q.position, q.options])
		);
		expect(qCopy.some((q) => ids(qSource).has(q.id))).toBe(false);

		expect(
			await db.select().from(participants).where(eq(participants.meetingId, copy.meetingId))
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
		await addCoFacilitator(db, m.meetingId, coId);
		const { actor } = await signIn(db, { userId: coId });
		const copy = await duplicateMeeting(db, actor, m.meetingId, 'Kopie', 1);
		if (!copy.ok) throw new Error(copy.reason);
		expect((await getMeeting(db, copy.meetingId))?.createdBy).toBe(coId);
		const team = await db
			.select()
			.from(meetingFacilitators)
			.where(eq(meetingFacilitators.meetingId, copy.meetingId));
		expect(team.map((r) => r.userId)).toEqual([m.userId]);
	});

	it('is refused to a facilitator of another meeting', async () => {
		const m = await facilitatorWithMeeting(db);
		const other = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId: other.userId });
		expect(await duplicateMeeting(db, actor, m.meetingId, 'Kopie', 1)).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
	});
});
