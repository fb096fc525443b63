import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/unit/hub-*.test.ts', 'tests/unit/persistence-*.test.ts'],
		environment: 'node',
		expect: { requireAssertions: true }
	}
});
