import { startPostgres, TEMPLATE } from './postgres-server.ts';

// globalSetup of the `integration-pg` vitest project: ONE throw-away PostgreSQL cluster for the whole run.
// It sets DATABASE_URL before any test worker starts, so every worker loads the PostgreSQL tables
// (src/lib/server/db/dialect.ts), and tells the test helpers (test-db.ts) where the cluster and its
// migrated template are: each test file or server then gets a fresh database copied from it.

export default async function setup(): Promise<() => Promise<void>> {
	const server = await startPostgres();
	// Migrates the template once (a copy of it takes a few ms).
	const first = await server.createDatabase('denktafel_first');
	process.env.DATABASE_URL = first;
	process.env.DENKTAFEL_TEST_PG = JSON.stringify({ port: server.port, template: TEMPLATE });
	return async () => {
		await server.stop();
	};
}
