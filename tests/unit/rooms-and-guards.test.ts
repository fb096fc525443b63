import { describe, expect, it } from 'vitest';
import { parseRoomName, roomFromPath, roomName } from '../../src/lib/realtime/rooms.ts';
import { guardRoute } from '../../src/lib/server/access/route-guard.ts';
import type { Actor } from '../../src/lib/server/auth/session.ts';

describe('room names', () => {
	it('parse the four kinds with a well-formed id', () => {
		for (const kind of ['meeting', 'facilitation', 'table', 'participant'] as const) {
			expect(parseRoomName(`${kind}:abcdefghij234567`)).toEqual({ kind, id: 'abcdefghij234567' });
			expect(roomName(kind, 'x')).toBe(`${kind}:x`);
		}
	});

	it('refuse unknown kinds, odd ids and injection attempts', () => {
		for (const bad of ['', 'table', 'table:', 'board:abcdefghij', 'table:ABCDEFGHIJ', 'table:abc',
			"table:abcdefghij' or 1=1", 'table:abcdefghij/../x', 'table:abcdefghij:extra', ':abcdefghij']) {
			expect(parseRoomName(bad)).toBeNull();
		}
	});

	it('take the room from /yjs/ paths only', () => {
		expect(roomFromPath('/yjs/table:abcdefghij')).toBe('table:abcdefghij');
		expect(roomFromPath('/yjs/table%3Aabcdefghij')).toBe('table:abcdefghij');
		expect(roomFromPath('/@vite/hmr')).toBeNull();
		expect(roomFromPath('/yjs/%E0%A4%A')).toBeNull();
	});
});

describe('route guard', () => {
	const url = new URL('http://localhost/meetings?x=1');
	const staff = (mustChangePassword: boolean): Actor => ({
		kind: 'user',
		user: { id: 'u', email: 'u@x.nl', name: 'U', role: 'facilitator', mustChangePassword }
	});
	const facilitator = staff(false);
	const participant: Actor = { kind: 'participant', participant: { id: 'p', meetingId: 'm', tableId: 't', displayName: 'P', sector: 'po', anonymousMeeting: false } };

	it('sends the signed-out to the login page and back', () => {
		expect(guardRoute('/(facilitator)/meetings', null, url)).toEqual({
			kind: 'redirect',
			location: '/login?redirectTo=%2Fmeetings%3Fx%3D1'
		});
	});

	it('keeps participants out of staff and admin pages', () => {
		expect(guardRoute('/(facilitator)/meetings', participant, url).kind).toBe('redirect');
		expect(guardRoute('/(admin)/admin/accounts', participant, url).kind).toBe('redirect');
		expect(guardRoute('/(admin)/admin/accounts', facilitator, url)).toMatchObject({ kind: 'deny', status: 403 });
	});

	it('lets members in and denies routes outside any known group', () => {
		expect(guardRoute('/(member)/tables/[tableId]', participant, url).kind).toBe('allow');
		expect(guardRoute('/(member)/tables/[tableId]', null, url).kind).toBe('redirect');
		expect(guardRoute('/(public)/login', null, url).kind).toBe('allow');
		expect(guardRoute('/somewhere', facilitator, url)).toMatchObject({ kind: 'deny', status: 404 });
	});

	it('lets a projector in with a token or a staff login; the page then checks both', () => {
		const present = '/(present)/present/[meetingId]';
		expect(guardRoute(present, null, new URL('http://localhost/present/m?token=abc')).kind).toBe('allow');
		expect(guardRoute(present, facilitator, new URL('http://localhost/present/m')).kind).toBe('allow');
		expect(guardRoute(present, null, new URL('http://localhost/present/m')).kind).toBe('redirect');
		expect(guardRoute(present, participant, new URL('http://localhost/present/m')).kind).toBe('redirect');
	});

	it('forces a password change before anything else', () => {
		const fresh = staff(true);
		expect(guardRoute('/(facilitator)/meetings', fresh, url)).toEqual({ kind: 'redirect', location: '/account/password' });
		expect(guardRoute('/(account)/account/password', fresh, url).kind).toBe('allow');
	});
});
