import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { meetingFacilitators, users } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { findUserByEmail, isEmail, normalizeEmail } from '../users/users.ts';
import { loadManageableMeeting, logManagement } from './manage-access.ts';

export function listCoFacilitators(db: Db, meetingId: string) {
	return db
		.select({ id: users.id, name: users.name, email: users.email })
		.from(meetingFacilitators)
		.innerJoin(users, eq(users.id, meetingFacilitators.userId))
		.where(eq(meetingFacilitators.meetingId, meetingId))
		.orderBy(asc(users.name))
		.all();
}

export type CoFacilitatorResult =
	| { ok: true; userId: string }
	| {
			ok: false;
			reason:
				| 'not-found'
				| 'not-allowed'
				| 'email-required'
				| 'email-invalid'
				| 'unknown-account'
				| 'already-facilitator';
	  };

/** Adds a co-facilitator by the email address of an existing, active staff account. */
export function addCoFacilitator(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	email: string,
	now: number
): CoFacilitatorResult {
	const access = loadManageableMeeting(db, actor, meetingId);
	if (!access.ok)
		return { ok: false, reason: access.reason === 'not-found' ? 'not-found' : 'not-allowed' };
	if (!actor) return { ok: false, reason: 'not-allowed' };
	const address = normalizeEmail(email);
	if (!address) return { ok: false, reason: 'email-required' };
	if (!isEmail(address)) return { ok: false, reason: 'email-invalid' };
	// A disabled account counts as unknown: it cannot sign in, so adding it would promise access it lacks.
	const user = findUserByEmail(db, address);
	if (!user || user.disabled) return { ok: false, reason: 'unknown-account' };
	const already =
		user.id === access.meeting.createdBy ||
		db
			.select()
			.from(meetingFacilitators)
			.where(
				and(eq(meetingFacilitators.meetingId, meetingId), eq(meetingFacilitators.userId, user.id))
			)
			.get();
	if (already) return { ok: false, reason: 'already-facilitator' };
	db.transaction((tx) => {
		tx.insert(meetingFacilitators).values({ meetingId, userId: user.id }).run();
		logManagement(tx as unknown as Db, {
			actor,
			meetingId,
			type: 'meeting.facilitator.add',
			payload: { userId: user.id },
			at: now
		});
	});
	return { ok: true, userId: user.id };
}

export function removeCoFacilitator(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	userId: string,
	now: number
): CoFacilitatorResult {
	const access = loadManageableMeeting(db, actor, meetingId);
	if (!access.ok)
		return { ok: false, reason: access.reason === 'not-found' ? 'not-found' : 'not-allowed' };
	if (!actor) return { ok: false, reason: 'not-allowed' };
	const removed = db.transaction((tx) => {
		const r = tx
			.delete(meetingFacilitators)
			.where(
				and(eq(meetingFacilitators.meetingId, meetingId), eq(meetingFacilitators.userId, userId))
			)
			.run();
		if (r.changes === 0) return false;
		logManagement(tx as unknown as Db, {
			actor,
			meetingId,
			type: 'meeting.facilitator.remove',
			payload: { userId },
			at: now
		});
		return true;
	});
	return removed ? { ok: true, userId } : { ok: false, reason: 'unknown-account' };
}
