import { closeDatabase, sqliteHandle } from '#lib/server/db/client.ts';
// `npm run db:migrate`: applies pending migrations (drizzle/) to DATABASE_PATH and exits. The app
// also does this at every start, before the port opens; this is for an operator who wants the
// schema up to date without starting the app (e.g. right after restoring a backup).
import { readConfig } from '../src/lib/server/config.ts';
import { openDatabase } from '../src/lib/server/db/client.ts';
import { migrateDatabase } from '../src/lib/server/db/migrate.ts';

const path = readConfig().databasePath;
const db = openDatabase(path);
try {
	migrateDatabase(db);
	const applied = sqliteHandle(db).prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
	console.log(`Migrated ${path}: ${applied.n} migrations applied in total.`);
} catch (error) {
	console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
} finally {
	closeDatabase(db);
}
