import { describe, expect, it } from 'vitest';
import { MEETING_HEADER, MEETING_PARAM, meetingHeaders, meetingOfPath } from '../../src/lib/realtime/meeting-route.ts';
import { MAX_CHANGE_IDS, isValidBusMessage, parseBusMessage } from '../../src/lib/server/cluster/bus-messages.ts';

// What the browser tells the proxy, and what a hint may carry between processes (issue 17).

const MEETING = 'abcdefghij2345';

describe('the meeting a request names for the proxy', () => {
	it('keeps the two names the HAProxy recipe hashes on', () => {
		expect(MEETING_PARAM).toBe('meeting');
		expect(MEETING_HEADER).toBe('x-denktafel-meeting');
	});

	it('reads the meeting from a command endpoint or a meeting page, and nothing else', () => {
		expect(meetingOfPath(`/api/meetings/${MEETING}/board`)).toBe(MEETING);
		expect(meetingOfPath(`/meetings/${MEETING}/poll?/save`)).toBe(MEETING);
		expect(meetingOfPath(`/meetings/${MEETING}`)).toBe(MEETING);
		expect(meetingOfPath('/api/tables/abcdefghij2345/commands')).toBeNull();
		expect(meetingOfPath('/meetings/NOT-AN-ID/poll')).toBeNull();
		expect(meetingOfPath(`/evil/meetings/${MEETING}/poll`)).toBeNull();
	});

	it('sends the header only for a known meeting', () => {
		expect(meetingHeaders(MEETING)).toEqual({ 'x-denktafel-meeting': MEETING });
		expect(meetingHeaders(null)).toEqual({});
	});
});

describe('a hint that carries its board change', () => {
	const hint = (change: Record<string, unknown>) => ({
		v: 1 as const,
		from: 'a#1',
		kind: 'hint' as const,
		meetingId: MEETING,
		rooms: [`table:${MEETING}`],
		change
	});
	const board = { type: 'board.changed', meetingId: MEETING, tableIds: [MEETING], participantIds: [], cardIds: [MEETING] };

	it('passes a small board change through as the frame published it', () => {
		const parsed = parseBusMessage(JSON.stringify(hint(board)));
		expect(parsed).toMatchObject({ kind: 'hint', change: board });
	});

	it('refuses a change that carries values or names too many ids (the owner would trust them)', () => {
		expect(parseBusMessage(JSON.stringify(hint({ ...board, type: 'poll.changed' })))).toBeNull();
		expect(parseBusMessage(JSON.stringify(hint({ ...board, tableIds: ['<script>'] })))).toBeNull();
		const many = Array.from({ length: MAX_CHANGE_IDS + 1 }, () => MEETING);
		expect(parseBusMessage(JSON.stringify(hint({ ...board, participantIds: many })))).toBeNull();
		expect(isValidBusMessage(hint(board) as never)).toBe(true);
	});
});
