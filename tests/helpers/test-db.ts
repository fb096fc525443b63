import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/lib/server/db/client.ts';
import { migrateDatabase } from '../../src/lib/server/db/migrate.ts';

/** A migrated database in a fresh temporary SQLite file (a real file: WAL and all). */
export function createTestDb(): { db: Db; path: string; dispose(): void } {
	const dir = mkdtempSync(join(tmpdir(), 'denktafel-test-'));
	const path = join(dir, 'test.db');
	const db = openDatabase(path);
	migrateDatabase(db);
	return {
		db,
		path,
		dispose() {
			db.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
