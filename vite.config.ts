import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { denktafelHub } from './server/vite-plugin.ts';

// Tests import plain TypeScript modules only (integration tests spawn the built server), so vitest
// runs without the app's plugins and their file watchers.
const testing = !!process.env.VITEST;

export default defineConfig({
	// Without the SvelteKit plugin, tests still resolve `$lib` (the i18n modules use it).
	resolve: testing ? { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } } : {},
	plugins: testing ? [] : [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'baseLocale']
		}),
		sveltekit(),
		denktafelHub()
	],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				// npm test runs these beside the e2e tests on 2 cores: the tests that build a realistic meeting
				// (about 2 s alone) then outgrow vitest's 5 s default. The timeout bounds a hang, not speed.
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 60_000,
					// In CI the integration tests share two cores with the browser tests (run-all.ts runs
					// them side by side): one retry, as Playwright has, for a test that a load spike slowed.
					retry: process.env.CI ? 1 : 0,
					fileParallelism: false
				}
			},
			{
				extends: true,
				// The same integration tests on PostgreSQL: one cluster for the run (globalSetup), a fresh
				// database per test file or server from its migrated template (tests/helpers/test-db.ts).
				test: {
					name: 'integration-pg',
					include: ['tests/integration/**/*.test.ts'],
					exclude: [
						// About the SQLite file itself: `npm run backup`/`restore` copy it (on PostgreSQL they refuse
						// and point to pg_dump), and the crash test reads its WAL and integrity_check afterwards.
						'tests/integration/backup-restore.test.ts',
						'tests/integration/crash-durability.test.ts',
						// They start their own PostgreSQL or Redis and test those directly, whatever DATABASE_URL
						// says: once, in the integration project, is enough.
						'tests/integration/postgres-schema.test.ts',
						'tests/integration/persistence-postgres.test.ts',
						'tests/integration/cluster-*.test.ts',
						'tests/integration/service-harness.test.ts',
						'tests/integration/haproxy-recipe.test.ts'
					],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 60_000,
					retry: process.env.CI ? 1 : 0,
					fileParallelism: false,
					globalSetup: ['tests/helpers/pg-global-setup.ts']
				}
			}
		]
	}
});
