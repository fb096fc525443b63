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
export function duplicateMeeting(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	copyTitle: string,
	now: number
): DuplicateResult {
	const access = loadManageableMeeting(db, actor, meetingId);
	if (!access.ok)
		return { ok: false, reason: access.reason === 'not-found' ? 'not-found' : 'not-allowed' };
	const source = access.meeting;
	const outcome = runCreation(db, actor, now, {
		type: 'meeting.duplicate',
		payload: { from: meetingId },
		run: (tx, staff) => ({ ok: true, result: copy(tx, staff.user.id) })
	});
	return outcome.ok ? { ok: true, ...outcome.result } : { ok: false, reason: 'not-allowed' };

	function copy(txDb: Db, userId: string) {
		const tx = txDb;
		const { meetingId: copyId, joinCode } = insertMeeting(
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
		for (const t of tx
			.select()
			.from(tables)
			.where(eq(tables.meetingId, meetingId))
			.orderBy(asc(tables.position))
			.all()) {
			const { id: _id, createdAt: _c, ...rest } = t;
			tx.insert(tables)
				.values({ ...rest, id: newId(), meetingId: copyId })
				.run();
		}
		for (const t of tx.select().from(themes).where(eq(themes.meetingId, meetingId)).all()) {
			tx.insert(themes)
				.values({ ...t, id: newId(), meetingId: copyId })
				.run();
		}
		for (const q of tx
			.select()
			.from(pollQuestions)
			.where(eq(pollQuestions.meetingId, meetingId))
			.all()) {
			const { id: _id, createdAt: _c, revealedAt: _r, ...rest } = q;
			tx.insert(pollQuestions)
				.values({ ...rest, id: newId(), meetingId: copyId, revealedAt: null, updatedAt: now })
				.run();
		}
		// The original's team keeps access; the one who duplicated it is the creator already.
		const team = new Set([
			source.createdBy,
			...tx
				.select()
				.from(meetingFacilitators)
				.where(eq(meetingFacilitators.meetingId, meetingId))
				.all()
				.map((r) => r.userId)
		]);
		team.delete(userId);
		for (const userId of team)
			tx.insert(meetingFacilitators).values({ meetingId: copyId, userId }).run();
		return { meetingId: copyId, joinCode };
	}
}
