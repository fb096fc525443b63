import { eq, sql } from 'drizzle-orm';
import type { RoomName } from '../../realtime/rooms.ts';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/prepared.ts';
import { meetingFacilitators, meetings, participants, tables } from '../db/schema.ts';
import type { MeetingFacts, RoomFacts, TableFacts } from './policies.ts';

// Loads the facts the pure policies decide on. Null when the thing does not exist.

export function loadMeetingFacts(db: Db, meetingId: string): MeetingFacts | null {
	const meeting = meetingFacts(db).get({ meetingId });
	if (!meeting) return null;
	const facilitatorIds = facilitatorsOf(db).all({ meetingId }).map((r) => r.userId);
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

export function loadTableFacts(db: Db, tableId: string): TableFacts | null {
	const table = tableFacts(db).get({ tableId });
	if (!table) return null;
	const meeting = loadMeetingFacts(db, table.meetingId);
	return meeting ? { id: table.id, meeting } : null;
}

export function loadRoomFacts(db: Db, room: RoomName): RoomFacts | null {
	switch (room.kind) {
		case 'meeting':
		case 'facilitation': {
			const meeting = loadMeetingFacts(db, room.id);
			return meeting ? { kind: room.kind, meeting } : null;
		}
		case 'table': {
			const table = loadTableFacts(db, room.id);
			return table ? { kind: 'table', table } : null;
		}
		case 'participant': {
			const p = db
				.select({ meetingId: participants.meetingId })
				.from(participants)
				.where(eq(participants.id, room.id))
				.get();
			const meeting = p ? loadMeetingFacts(db, p.meetingId) : null;
			return meeting ? { kind: 'participant', participantId: room.id, meeting } : null;
		}
	}
}
