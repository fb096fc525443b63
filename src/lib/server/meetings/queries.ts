import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { meetingFacilitators, meetings, participants, tables } from '../db/schema.ts';

export function findMeetingByCode(db: Db, code: string) {
	return db.select().from(meetings).where(eq(meetings.joinCode, code)).get() ?? null;
}

export function getMeeting(db: Db, meetingId: string) {
	return db.select().from(meetings).where(eq(meetings.id, meetingId)).get() ?? null;
}

export function listMeetingTables(db: Db, meetingId: string) {
	return db
		.select()
		.from(tables)
		.where(eq(tables.meetingId, meetingId))
		.orderBy(asc(tables.position), asc(tables.createdAt))
		.all();
}

export function getTable(db: Db, tableId: string) {
	return db.select().from(tables).where(eq(tables.id, tableId)).get() ?? null;
}

/** Meetings a facilitator created or co-facilitates; admins see all. Newest first. */
export function listMeetingsFor(db: Db, user: { id: string; role: string }) {
	const all = db.select().from(meetings).orderBy(meetings.createdAt).all().reverse();
	if (user.role === 'admin') return all;
	const co = new Set(
		db
			.select({ meetingId: meetingFacilitators.meetingId })
			.from(meetingFacilitators)
			.where(eq(meetingFacilitators.userId, user.id))
			.all()
			.map((r) => r.meetingId)
	);
	return all.filter((m) => m.createdBy === user.id || co.has(m.id));
}

export function countParticipants(db: Db, meetingId: string, tableId?: string): number {
	const rows = db
		.select({ id: participants.id })
		.from(participants)
		.where(
			tableId
				? and(eq(participants.meetingId, meetingId), eq(participants.tableId, tableId))
				: eq(participants.meetingId, meetingId)
		)
		.all();
	return rows.length;
}

/** The table a newly joined participant goes to: the one with the fewest people (spread evenly). */
export function pickTableForNewcomer(db: Db, meetingId: string): string | null {
	const list = listMeetingTables(db, meetingId);
	let best: { id: string; count: number } | null = null;
	for (const t of list) {
		const count = countParticipants(db, meetingId, t.id);
		if (!best || count < best.count) best = { id: t.id, count };
	}
	return best?.id ?? null;
}
