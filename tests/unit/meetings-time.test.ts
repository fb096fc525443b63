import { describe, expect, it } from 'vitest';
import {
	amsterdamToUtc,
	formatAmsterdam,
	utcToAmsterdam
} from '../../src/lib/server/meetings/amsterdam-time.ts';

describe('meeting times in Europe/Amsterdam', () => {
	it('read a winter time as UTC+1 and a summer time as UTC+2', () => {
		expect(amsterdamToUtc('2026-01-15', '14:30')).toBe(Date.UTC(2026, 0, 15, 13, 30));
		expect(amsterdamToUtc('2026-07-01', '14:30')).toBe(Date.UTC(2026, 6, 1, 12, 30));
	});

	it('get the days around the switches right', () => {
		// Clocks go forward on 29 March 2026 at 02:00 and back on 25 October 2026 at 03:00.
		expect(amsterdamToUtc('2026-03-29', '01:30')).toBe(Date.UTC(2026, 2, 29, 0, 30));
		expect(amsterdamToUtc('2026-03-29', '03:30')).toBe(Date.UTC(2026, 2, 29, 1, 30));
		expect(amsterdamToUtc('2026-10-24', '20:00')).toBe(Date.UTC(2026, 9, 24, 18, 0));
		expect(amsterdamToUtc('2026-10-25', '20:00')).toBe(Date.UTC(2026, 9, 25, 19, 0));
	});

	it('refuse the hour that does not exist and pick winter time for the hour that occurs twice', () => {
		expect(amsterdamToUtc('2026-03-29', '02:30')).toBeNull();
		expect(amsterdamToUtc('2026-10-25', '02:30')).toBe(Date.UTC(2026, 9, 25, 1, 30));
	});

	it('refuse malformed or impossible dates', () => {
		for (const [d, t] of [
			['2026-02-30', '10:00'],
			['2026-13-01', '10:00'],
			['2026-1-1', '10:00'],
			['2026-05-01', '24:00'],
			['2026-05-01', '9:00']
		]) {
			expect(amsterdamToUtc(d, t), `${d} ${t}`).toBeNull();
		}
	});

	it('show a stored instant back on the Amsterdam clock, as entered', () => {
		for (const [d, t] of [
			['2026-01-15', '14:30'],
			['2026-07-01', '09:05'],
			['2026-10-25', '02:30'],
			['2026-12-31', '23:59']
		]) {
			expect(utcToAmsterdam(amsterdamToUtc(d, t)!)).toEqual({ date: d, time: t });
		}
		expect(formatAmsterdam(Date.UTC(2026, 6, 1, 12, 30), 'nl')).toContain('14:30');
	});
});
