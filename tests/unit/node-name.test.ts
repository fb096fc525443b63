import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { nodeName } from '../../src/lib/server/ops/node-name.ts';

describe('the process name /healthz reports', () => {
	it('is DENKTAFEL_NODE_NAME when set, trimmed', () => {
		expect(nodeName({ DENKTAFEL_NODE_NAME: '  app-a ' })).toBe('app-a');
	});

	it('is host and pid when unset or empty, so two processes on one machine differ', () => {
		const fallback = `${hostname()}:${process.pid}`;
		expect(nodeName({})).toBe(fallback);
		expect(nodeName({ DENKTAFEL_NODE_NAME: '   ' })).toBe(fallback);
	});

	it('refuses control characters and spaces inside (they would reach logs and JSON) and over-long names', () => {
		expect(nodeName({ DENKTAFEL_NODE_NAME: 'app\na' })).toBe(`${hostname()}:${process.pid}`);
		expect(nodeName({ DENKTAFEL_NODE_NAME: 'app a' })).toBe(`${hostname()}:${process.pid}`);
		expect(nodeName({ DENKTAFEL_NODE_NAME: 'x'.repeat(100) })).toBe('x'.repeat(100));
		expect(nodeName({ DENKTAFEL_NODE_NAME: 'x'.repeat(101) })).toBe(`${hostname()}:${process.pid}`);
	});
});
