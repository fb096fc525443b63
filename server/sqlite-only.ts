// The backup and restore tools copy the SQLite file. On PostgreSQL the database's own tools do that job,
// with the guarantees an operator expects from them: refuse clearly instead of touching a stale file.
import type { Config } from '../src/lib/server/config.ts';

/** Ends the process with a clear message when the app is configured for PostgreSQL (DATABASE_URL). */
export function refuseOnPostgres(tool: string, config: Pick<Config, 'databaseUrl'>): void {
	if (!config.databaseUrl) return;
	console.error(
		`${tool} copies the SQLite file and does not work on PostgreSQL (DATABASE_URL is set): ` +
			'use pg_dump to back up and pg_restore (or psql) to restore.'
	);
	process.exit(1);
}
