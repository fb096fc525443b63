import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { meetingFacilitators, pollQuestions, tables, themes } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { newId } from '../ids.ts';
import { insertMeeting } from './create-meeting.ts';
import { loadManageableMeeting } from './manage-access.ts';
import { runCreation } from './staff-scope.ts';

export type DuplicateResult =
	| { ok: true; meetingId: string; joinCode: string }
	| { ok: false; reason: 'not-found' | 'not-allowed' };

/**
 * A fresh draft like the original: details, tables, themes, poll questions and co-facilitators copied
 * with new ids and a new join code. Nothing about people or answers comes along (no participants,
 * responses, cards, invitations, reveal state or projector link).
 */
export async function duplicateMeeting(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	copyTitle: string,
	now: number
): Promise<DuplicateResult> {
	const access = await loadManageableMeeting(db, actor, meetingId);
	if (!access.ok)
		return { ok: false, reason: access.reason === 'not-found' ? 'not-found' : 'not-allowed' };
	const source = access.meeting;
	const outcome = await runCreation(db, actor, now, {
		type: 'meeting.duplicate',
		payload: { from: meetingId },
		run: async (tx, staff) => ({ ok: true, result: await copy(tx, staff.user.id) })
	});
	return outcome.ok ? { ok: true, ...outcome.result } : { ok: false, reason: 'not-allowed' };

	async function copy(txDb: Db, userId: string) {
		const tx = txDb;
		const { meetingId: copyId, joinCode } = await insertMeeting(
			txDb,
			{
				title: copyTitle,
				seriesId: source.seriesId,
				startsAt: source.startsAt,
				place: source.place,
				introduction: source.introduction,
				anonymous: source.anonymous
			},
			userId
		);
		for (const t of (await tx
			.select()
			.from(tables)
			.where(eq(tables.meetingId, meetingId))
			.orderBy(asc(tables.position)))) {
			const { id: _id, createdAt: _c, ...rest } = t;
			await tx.insert(tables)
				.values({ ...rest, id: newId(), meetingId: copyId });
		}
		for (const t of (await tx.select().from(themes).where(eq(themes.meetingId, meetingId)))) {
			await tx.insert(themes)
				.values({ ...t, id: newId(), meetingId: copyId });
		}
		for (const q of (await tx
			.select()
			.from(pollQuestions)
			.where(eq(pollQuestions.meetingId, meetingId)))) {
			const { id: _id, createdAt: _c, revealedAt: _r, ...rest } = q;
			await tx.insert(pollQuestions)
				.values({ ...rest, id: newId(), meetingId: copyId, revealedAt: null, updatedAt: now });
		}
		// The original's team keeps access; the one who duplicated it is the creator already.
		const team = new Set([
			source.createdBy,
			...(await tx
				.select()
				.from(meetingFacilitators)
				.where(eq(meetingFacilitators.meetingId, meetingId)))
				.map((r) => r.userId)
		]);
		team.delete(userId);
		for (const userId of team)
			await tx.insert(meetingFacilitators).values({ meetingId: copyId, userId });
		return { meetingId: copyId, joinCode };
	}
}
