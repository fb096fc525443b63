import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from '../../src/lib/server/http/safe-redirect.ts';
import { othersWriting, summarizePresence } from '../../src/lib/realtime/presence-summary.ts';

describe('redirect targets after login', () => {
	it('follow same-site paths', () => {
		expect(safeRedirectTarget('/meetings?x=1', '/')).toBe('/meetings?x=1');
	});

	it('refuse other origins, protocol-relative and backslash tricks, and control characters', () => {
		for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'meetings', '/a\u0000b', 42, null]) {
			expect(safeRedirectTarget(bad, '/fallback')).toBe('/fallback');
		}
	});
});

describe('presence at a table', () => {
	it('names everyone by the server-stamped name, deduplicated, yourself included', () => {
		const states = new Map<number, Record<string, unknown>>([
			[1, { user: { name: 'Bram', kind: 'participant' } }],
			[2, { user: { name: 'Anna', kind: 'participant' } }],
			[3, { user: { name: 'Bram', kind: 'participant' } }], // Bram's second tab
			[9, { user: { name: 'Zelf' } }]
		]);
		expect(summarizePresence(states, 9, 'Carla')).toEqual({ names: ['Anna', 'Bram', 'Carla'], count: 3, bounded: false });
	});

	it('counts people without a name (anonymous meetings) and ignores unstamped states', () => {
		const states = new Map<number, Record<string, unknown>>([
			[1, { user: { name: null, kind: 'participant' } }],
			[2, { user: { name: null, kind: 'participant' } }],
			[3, { typing: true }]
		]);
		expect(summarizePresence(states, 7, null)).toEqual({ names: [], count: 3, bounded: false });
	});

	it("uses the hub's counts in a large room and ignores a summary a client forged", () => {
		const states = new Map<number, Record<string, unknown>>([
			[1, { user: { name: 'Bram', kind: 'participant' }, typing: true, denktafel: { present: 9999, writing: 9999 } }],
			[2, { denktafel: { present: 734, writing: 12, shown: 20 } }],
			[9, { typing: true }]
		]);
		expect(summarizePresence(states, 9, 'Carla')).toEqual({ names: [], count: 734, bounded: true });
		// Our own writing is among the hub's count: the others are one fewer.
		expect(othersWriting(states, 9, true)).toBe(11);
		expect(othersWriting(states, 9, false)).toBe(12);
		states.delete(2);
		expect(summarizePresence(states, 9, 'Carla').bounded).toBe(false);
		expect(othersWriting(states, 9, true)).toBe(1);
	});
});
