import type { RoomName } from '../../realtime/rooms.ts';
import type { MeetingStatus } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';

// Pure authorization rules: default deny. Every function answers one question from facts loaded beforehand.

export interface MeetingFacts {
	id: string;
	status: MeetingStatus;
	createdBy: string;
	facilitatorIds: readonly string[];
}

export interface TableFacts {
	id: string;
	meeting: MeetingFacts;
}

export function isAdmin(actor: Actor | null): boolean {
	return actor?.kind === 'user' && actor.user.role === 'admin';
}

export function canCreateMeeting(actor: Actor | null): boolean {
	return actor?.kind === 'user' && (actor.user.role === 'admin' || actor.user.role === 'facilitator');
}

/** Admins, the meeting's creator and its co-facilitators. */
export function canManageMeeting(actor: Actor | null, meeting: MeetingFacts): boolean {
	if (actor?.kind !== 'user') return false;
	if (actor.user.role === 'admin') return true;
	return (
		actor.user.role === 'facilitator' &&
		(meeting.createdBy === actor.user.id || meeting.facilitatorIds.includes(actor.user.id))
	);
}

export function isMeetingParticipant(actor: Actor | null, meetingId: string): boolean {
	return actor?.kind === 'participant' && actor.participant.meetingId === meetingId;
}

/** Facilitators of the meeting see every table; a participant only the table they sit at. */
export function canViewTable(actor: Actor | null, table: TableFacts): boolean {
	if (canManageMeeting(actor, table.meeting)) return true;
	return actor?.kind === 'participant' && actor.participant.tableId === table.id;
}

const WRITABLE: readonly MeetingStatus[] = ['open', 'live'];

export type CardDenial = 'not-allowed' | 'meeting-not-active';

/** Who may add a card at a table, and whether the meeting accepts cards now. */
export function checkAddCard(actor: Actor | null, table: TableFacts): CardDenial | null {
	if (!canViewTable(actor, table)) return 'not-allowed';
	if (!WRITABLE.includes(table.meeting.status)) return 'meeting-not-active';
	return null;
}

export function meetingAcceptsParticipants(meeting: Pick<MeetingFacts, 'status'>): boolean {
	return WRITABLE.includes(meeting.status);
}

export type RoomFacts =
	| { kind: 'meeting' | 'facilitation'; meeting: MeetingFacts }
	| { kind: 'table'; table: TableFacts }
	| { kind: 'participant'; participantId: string; meeting: MeetingFacts };

/** Who may open which realtime room (DESIGN's room table). */
export function canOpenRoom(actor: Actor | null, room: RoomName, facts: RoomFacts | null): boolean {
	if (!actor || !facts || facts.kind !== room.kind) return false;
	// A closed meeting is over for its participants: their pages still show what SQL holds, but nothing
	// live reaches them any more (facilitators keep their rooms to finish the report).
	if (actor.kind === 'participant' && !participantsLive(facts)) return false;
	switch (facts.kind) {
		case 'meeting':
			return canManageMeeting(actor, facts.meeting) || isMeetingParticipant(actor, facts.meeting.id);
		case 'facilitation':
			return canManageMeeting(actor, facts.meeting);
		case 'table':
			return canViewTable(actor, facts.table);
		case 'participant':
			return actor.kind === 'participant' && actor.participant.id === facts.participantId;
	}
}

function participantsLive(facts: RoomFacts): boolean {
	const meeting = facts.kind === 'table' ? facts.table.meeting : facts.meeting;
	return meeting.status !== 'closed' && meeting.status !== 'archived';
}
