import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/server/ids.ts';

describe('newId', () => {
	it('gives 20 lowercase base32 characters, never the same twice, across many refills of its random pool', () => {
		const ids = Array.from({ length: 5_000 }, () => newId());
		for (const id of ids) expect(id).toMatch(/^[a-z2-7]{20}$/);
		expect(new Set(ids).size).toBe(ids.length);
	});
});
