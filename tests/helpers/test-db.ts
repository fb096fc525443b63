import { closeDatabase } from '../../src/lib/server/db/client.ts';
import { afterEach, beforeEach } from 'vitest';
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
			closeDatabase(db);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A fresh database for each test of the calling file: `const db = useTestDb();` then `db()`. */
export function useTestDb(): () => Db {
	let current: ReturnType<typeof createTestDb> | null = null;
	beforeEach(() => {
		current = createTestDb();
	});
	afterEach(() => {
		current?.dispose();
		current = null;
	});
	return () => {
		if (!current) throw new Error('useTestDb: only inside a test');
		return current.db;
	};
}
