import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import type { Db } from './client.ts';

const defaultFolder = fileURLToPath(new URL('../../../../drizzle', import.meta.url));

/** Applies the drizzle-kit migrations in drizzle/ (idempotent). */
export function migrateDatabase(db: Db, migrationsFolder = process.env.DENKTAFEL_MIGRATIONS ?? defaultFolder): void {
	migrate(db, { migrationsFolder });
}
