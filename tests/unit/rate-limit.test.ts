import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/lib/server/auth/rate-limit.ts';

describe('token bucket', () => {
	it('allows a burst up to capacity, then refuses until tokens refill', () => {
		const bucket = new TokenBucket(3, 60_000);
		expect([1, 2, 3, 4].map(() => bucket.consume('ip', 0))).toEqual([true, true, true, false]);
		expect(bucket.consume('ip', 19_000)).toBe(false);
		expect(bucket.consume('ip', 20_001)).toBe(true);
	});

	it('keeps keys apart so one venue does not lock out another', () => {
		const bucket = new TokenBucket(1, 60_000);
		expect(bucket.consume('a', 0)).toBe(true);
		expect(bucket.consume('a', 0)).toBe(false);
		expect(bucket.consume('b', 0)).toBe(true);
		expect(bucket.exhausted('a', 0)).toBe(true);
	});
});
