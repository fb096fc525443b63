// `npm run db:migrate`: applies pending migrations to the configured database (drizzle/ to the SQLite
// file at DATABASE_PATH, or drizzle/pg to DATABASE_URL's PostgreSQL under its lock) and exits. The app
// also does this at every start, before the port opens; this is for an operator who wants the schema
// up to date without starting the app (e.g. right after restoring a backup).
import { sql } from 'drizzle-orm';
import { readConfig } from '../src/lib/server/config.ts';
import { sqliteHandle } from '../src/lib/server/db/client.ts';
import { closeAppDatabase, migrateAppDatabase, openAppDatabase, postgresOf } from '../src/lib/server/db/open.ts';

const config = readConfig();
// Never print a password that the URL may carry.
const where = config.databaseUrl ? 'PostgreSQL' : config.databasePath;
const db = openAppDatabase(config);
try {
	await migrateAppDatabase(db);
	const pg = postgresOf(db);
	const applied = pg
		? Number((await pg.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`)).rows[0].n)
		: (sqliteHandle(db).prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
	console.log(`Migrated ${where}: ${applied} migrations applied in total.`);
} catch (error) {
	console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
} finally {
	await closeAppDatabase(db);
}
