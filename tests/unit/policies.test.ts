import { describe, expect, it } from 'vitest';
import {
	canCreateMeeting,
	canManageMeeting,
	canOpenRoom,
	canViewTable,
	checkAddCard,
	type MeetingFacts,
	type TableFacts
} from '../../src/lib/server/access/policies.ts';
import type { Actor } from '../../src/lib/server/auth/session.ts';

const meeting: MeetingFacts = { id: 'meetingaaaaaaaaaaaaa', status: 'open', createdBy: 'owner', facilitatorIds: ['co'] };
const table: TableFacts = { id: 'tableaaaaaaaaaaaaaaa', meeting };
const otherTable: TableFacts = { id: 'tablebbbbbbbbbbbbbbb', meeting };

const user = (id: string, role: 'admin' | 'facilitator'): Actor => ({
	kind: 'user',
	user: { id, email: `${id}@x.nl`, name: id, role, mustChangePassword: false }
});
const participant = (meetingId: string, tableId: string | null, id = 'p1'): Actor => ({
	kind: 'participant',
	participant: { id, meetingId, tableId, displayName: 'Anna', sector: 'po', anonymousMeeting: false }
});

const owner = user('owner', 'facilitator');
const co = user('co', 'facilitator');
const stranger = user('stranger', 'facilitator');
const admin = user('root', 'admin');
const seated = participant(meeting.id, table.id);
const elsewhere = participant(meeting.id, otherTable.id);
const foreign = participant('othermeetingaaaaaaaa', 'tablezzzzzzzzzzzzzzz');

describe('access policies', () => {
	it('let staff create meetings and refuse participants and strangers', () => {
		expect(canCreateMeeting(owner)).toBe(true);
		expect(canCreateMeeting(admin)).toBe(true);
		expect(canCreateMeeting(seated)).toBe(false);
		expect(canCreateMeeting(null)).toBe(false);
	});

	it('let the owner, co-facilitators and admins manage a meeting, nobody else', () => {
		expect(canManageMeeting(owner, meeting)).toBe(true);
		expect(canManageMeeting(co, meeting)).toBe(true);
		expect(canManageMeeting(admin, meeting)).toBe(true);
		expect(canManageMeeting(stranger, meeting)).toBe(false);
		expect(canManageMeeting(seated, meeting)).toBe(false);
		expect(canManageMeeting(null, meeting)).toBe(false);
	});

	it('show a table to its participants and facilitators only', () => {
		expect(canViewTable(seated, table)).toBe(true);
		expect(canViewTable(owner, table)).toBe(true);
		expect(canViewTable(elsewhere, table)).toBe(false);
		expect(canViewTable(foreign, table)).toBe(false);
		expect(canViewTable(stranger, table)).toBe(false);
		expect(canViewTable(participant(meeting.id, null), table)).toBe(false);
	});

	it('refuse cards from outsiders and while the meeting is not open or live', () => {
		expect(checkAddCard(seated, table)).toBeNull();
		expect(checkAddCard(elsewhere, table)).toBe('not-allowed');
		expect(checkAddCard(null, table)).toBe('not-allowed');
		for (const status of ['draft', 'closed', 'archived'] as const) {
			expect(checkAddCard(seated, { ...table, meeting: { ...meeting, status } })).toBe('meeting-not-active');
		}
		expect(checkAddCard(seated, { ...table, meeting: { ...meeting, status: 'live' } })).toBeNull();
	});

	it('open rooms per the room table and refuse every other combination', () => {
		const m = { kind: 'meeting', id: meeting.id } as const;
		const f = { kind: 'facilitation', id: meeting.id } as const;
		const tb = { kind: 'table', id: table.id } as const;
		const pp = { kind: 'participant', id: 'p1' } as const;
		expect(canOpenRoom(seated, m, { kind: 'meeting', meeting })).toBe(true);
		expect(canOpenRoom(foreign, m, { kind: 'meeting', meeting })).toBe(false);
		expect(canOpenRoom(owner, f, { kind: 'facilitation', meeting })).toBe(true);
		expect(canOpenRoom(seated, f, { kind: 'facilitation', meeting })).toBe(false);
		expect(canOpenRoom(stranger, f, { kind: 'facilitation', meeting })).toBe(false);
		expect(canOpenRoom(seated, tb, { kind: 'table', table })).toBe(true);
		expect(canOpenRoom(elsewhere, tb, { kind: 'table', table })).toBe(false);
		expect(canOpenRoom(seated, pp, { kind: 'participant', participantId: 'p1', meeting })).toBe(true);
		expect(canOpenRoom(participant(meeting.id, table.id, 'p2'), pp, { kind: 'participant', participantId: 'p1', meeting })).toBe(false);
		expect(canOpenRoom(owner, pp, { kind: 'participant', participantId: 'p1', meeting })).toBe(false);
		expect(canOpenRoom(seated, tb, null)).toBe(false);
		expect(canOpenRoom(null, tb, { kind: 'table', table })).toBe(false);
		// Facts of another kind than the room asked for never grant access.
		expect(canOpenRoom(owner, f, { kind: 'meeting', meeting })).toBe(false);
	});
});

describe('rooms of a closed meeting', () => {
	it('are shut for its participants and stay open for its facilitators', () => {
		for (const status of ['closed', 'archived'] as const) {
			const closed: MeetingFacts = { ...meeting, status };
			const closedTable: TableFacts = { id: table.id, meeting: closed };
			expect(canOpenRoom(seated, { kind: 'table', id: table.id }, { kind: 'table', table: closedTable })).toBe(false);
			expect(canOpenRoom(seated, { kind: 'meeting', id: meeting.id }, { kind: 'meeting', meeting: closed })).toBe(false);
			expect(canOpenRoom(seated, { kind: 'participant', id: 'p1' }, { kind: 'participant', participantId: 'p1', meeting: closed })).toBe(false);
			expect(canOpenRoom(owner, { kind: 'table', id: table.id }, { kind: 'table', table: closedTable })).toBe(true);
			expect(canOpenRoom(owner, { kind: 'facilitation', id: meeting.id }, { kind: 'facilitation', meeting: closed })).toBe(true);
		}
		expect(canOpenRoom(seated, { kind: 'table', id: table.id }, { kind: 'table', table })).toBe(true);
	});
});
