import { first } from '../db/query.ts';
import { eq, sql } from 'drizzle-orm';
import type { RoomName } from '../../realtime/rooms.ts';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/prepared.ts';
import { meetingFacilitators, meetings, participants, tables } from '../db/schema.ts';
import type { MeetingFacts, RoomFacts, TableFacts } from './policies.ts';

// Loads the facts the pure policies decide on. Null when the thing does not exist.

export async function loadMeetingFacts(db: Db, meetingId: string): Promise<MeetingFacts | null> {
	const meeting = (await meetingFacts(db).execute({ meetingId }))[0];
	if (!meeting) return null;
	const facilitatorIds = (await facilitatorsOf(db).execute({ meetingId })).map((r) => r.userId);
	return { ...meeting, facilitatorIds };
}

// Every command and room check runs these; see preparedQuery.
const meetingFacts = preparedQuery((db) =>
	db
		.select({ id: meetings.id, status: meetings.status, createdBy: meetings.createdBy })
		.from(meetings)
		.where(eq(meetings.id, sql.placeholder('meetingId')))
		.prepare()
);
const facilitatorsOf = preparedQuery((db) =>
	db
		.select({ userId: meetingFacilitators.userId })
		.from(meetingFacilitators)
		.where(eq(meetingFacilitators.meetingId, sql.placeholder('meetingId')))
		.prepare()
);
const tableFacts = preparedQuery((db) =>
	db
		.select({ id: tables.id, meetingId: tables.meetingId })
		.from(tables)
		.where(eq(tables.id, sql.placeholder('tableId')))
		.prepare()
);

export async function loadTableFacts(db: Db, tableId: string): Promise<TableFacts | null> {
	const table = (await tableFacts(db).execute({ tableId }))[0];
	if (!table) return null;
	const meeting = await loadMeetingFacts(db, table.meetingId);
	return meeting ? { id: table.id, meeting } : null;
}

export async function loadRoomFacts(db: Db, room: RoomName): Promise<RoomFacts | null> {
	switch (room.kind) {
		case 'meeting':
		case 'facilitation': {
			const meeting = await loadMeetingFacts(db, room.id);
			return meeting ? { kind: room.kind, meeting } : null;
		}
		case 'table': {
			const table = await loadTableFacts(db, room.id);
			return table ? { kind: 'table', table } : null;
		}
		case 'participant': {
			const p = await first(db
				.select({ meetingId: participants.meetingId })
				.from(participants)
				.where(eq(participants.id, room.id)));
			const meeting = p ? await loadMeetingFacts(db, p.meetingId) : null;
			return meeting ? { kind: 'participant', participantId: room.id, meeting } : null;
		}
	}
}
