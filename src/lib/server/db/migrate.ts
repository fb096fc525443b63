import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import type { Db } from './client.ts';

const defaultFolder = fileURLToPath(new URL('../../../../drizzle', import.meta.url));

/** Applies the drizzle-kit migrations in drizzle/ (idempotent). */
export function migrateDatabase(db: Db, migrationsFolder = process.env.DENKTAFEL_MIGRATIONS ?? defaultFolder): void {
	// SQLite-only: the database underneath is better-sqlite3's (see Db in client.ts).
	migrate(db as unknown as BetterSQLite3Database, { migrationsFolder });
}
