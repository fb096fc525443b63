import { first } from '../db/query.ts';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { meetingFacilitators, meetings, participants, tables } from '../db/schema.ts';

export async function findMeetingByCode(db: Db, code: string) {
	return (await first(db.select().from(meetings).where(eq(meetings.joinCode, code)))) ?? null;
}

export async function getMeeting(db: Db, meetingId: string) {
	return (await first(db.select().from(meetings).where(eq(meetings.id, meetingId)))) ?? null;
}

export async function listMeetingTables(db: Db, meetingId: string) {
	return await db
		.select()
		.from(tables)
		.where(eq(tables.meetingId, meetingId))
		.orderBy(asc(tables.position), asc(tables.createdAt));
}

export async function getTable(db: Db, tableId: string) {
	return (await first(db.select().from(tables).where(eq(tables.id, tableId)))) ?? null;
}

/** Meetings a facilitator created or co-facilitates; admins see all. Newest first. */
export async function listMeetingsFor(db: Db, user: { id: string; role: string }) {
	const all = (await db.select().from(meetings).orderBy(meetings.createdAt)).reverse();
	if (user.role === 'admin') return all;
	const co = new Set(
		(await db
			.select({ meetingId: meetingFacilitators.meetingId })
			.from(meetingFacilitators)
			.where(eq(meetingFacilitators.userId, user.id)))
			.map((r) => r.meetingId)
	);
	return all.filter((m) => m.createdBy === user.id || co.has(m.id));
}

export async function countParticipants(db: Db, meetingId: string, tableId?: string): Promise<number> {
	const rows = await db
		.select({ id: participants.id })
		.from(participants)
		.where(
			tableId
				? and(eq(participants.meetingId, meetingId), eq(participants.tableId, tableId))
				: eq(participants.meetingId, meetingId)
		);
	return rows.length;
}

/** The table a newly joined participant goes to: the one with the fewest people (spread evenly). */
export async function pickTableForNewcomer(db: Db, meetingId: string): Promise<string | null> {
	const list = await listMeetingTables(db, meetingId);
	let best: { id: string; count: number } | null = null;
	for (const t of list) {
		const count = await countParticipants(db, meetingId, t.id);
		if (!best || count < best.count) best = { id: t.id, count };
	}
	return best?.id ?? null;
}
