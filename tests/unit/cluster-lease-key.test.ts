import { describe, expect, it } from 'vitest';
import { leaseKey } from '../../src/lib/server/cluster/lease-key.ts';
import { backoffDelay } from '../../src/lib/server/cluster/backoff.ts';

describe('the lease key of a meeting', () => {
	it('never changes between versions: during a rolling upgrade old and new processes must contend for one lock', () => {
		expect(leaseKey('abcdefghij2345')).toBe('6012687943128301848');
		expect(leaseKey('zzzzzzzzzzzzzzzzzzzz')).toBe('-3752396967541057076');
	});

	it('is a signed 64-bit integer, different per meeting', () => {
		const keys = new Set<string>();
		for (let i = 0; i < 1_000; i++) {
			const key = BigInt(leaseKey(`meeting${i}`));
			expect(key >= -(2n ** 63n) && key < 2n ** 63n).toBe(true);
			keys.add(key.toString());
		}
		expect(keys.size).toBe(1_000);
	});
});

describe('reconnect backoff', () => {
	it('doubles from the base up to the ceiling, with jitter between half and all of it', () => {
		expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, 100, 5_000, () => 1))).toEqual([100, 200, 400, 800]);
		expect(backoffDelay(30, 100, 5_000, () => 1)).toBe(5_000);
		expect(backoffDelay(30, 100, 5_000, () => 0)).toBe(2_500);
	});
});
