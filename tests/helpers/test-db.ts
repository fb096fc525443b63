import { afterEach, beforeEach } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/lib/server/db/client.ts';
import { DIALECT } from '../../src/lib/server/db/dialect.ts';
import { migrateDatabase } from '../../src/lib/server/db/migrate.ts';
import { closeAppDatabase, openAppDatabase } from '../../src/lib/server/db/open.ts';
import { postgresBinDir } from './postgres-server.ts';

// Test databases for either dialect. A test names its database by a locator: a SQLite file path, or, in
// the `integration-pg` project (DATABASE_URL set by tests/helpers/pg-global-setup.ts), the URL of a
// fresh PostgreSQL database copied from the run's migrated template. The helpers below take either, so
// one test file runs on both.

/** Which database the tests of this process run on. */
export const TEST_DIALECT = DIALECT;

/** Why a test about the SQLite file itself does not run on PostgreSQL (for `describe.skipIf`). */
export const ON_POSTGRES = TEST_DIALECT === 'postgres';

interface PgCluster {
	port: number;
	template: string;
}

function cluster(): PgCluster {
	const raw = process.env.DENKTAFEL_TEST_PG;
	if (!raw) throw new Error('DATABASE_URL selects PostgreSQL, but no test cluster runs (use the integration-pg project)');
	return JSON.parse(raw) as PgCluster;
}

let counter = 0;

/**
 * A new database: in `dir` a SQLite file name (created when opened), or on PostgreSQL a fresh, migrated
 * database (created now, synchronously with `createdb`, so the sync fixtures of the SQLite era work).
 */
export function newTestDatabase(dir: string): string {
	if (TEST_DIALECT === 'sqlite') return join(dir, 'test.db');
	const { port, template } = cluster();
	const name = `t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
	execFileSync(join(postgresBinDir(), 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-T', template, name], {
		stdio: ['ignore', 'ignore', 'pipe']
	});
	return `postgres://postgres@127.0.0.1:${port}/${name}`;
}

/** Drops a PostgreSQL test database (connections still open to it are ended); a SQLite file goes with its folder. */
export function dropTestDatabase(locator: string): void {
	if (!locator.startsWith('postgres')) return;
	const { port } = cluster();
	const name = new URL(locator).pathname.slice(1);
	try {
		execFileSync(join(postgresBinDir(), 'dropdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '--force', name], {
			stdio: 'ignore'
		});
	} catch {
		// The cluster goes away at the end of the run anyway.
	}
}

/** Opens a test database by its locator (see newTestDatabase). */
export function openTestDatabase(locator: string): Db {
	if (locator.startsWith('postgres')) {
		return openAppDatabase({ databaseUrl: locator, databasePath: '', databaseSynchronous: 'normal' });
	}
	return openDatabase(locator);
}

/** Migrates a test database: SQLite's file; a PostgreSQL test database is a copy of the migrated template. */
export function migrateTestDatabase(db: Db): void {
	if (TEST_DIALECT === 'sqlite') migrateDatabase(db);
}

/**
 * Closes a test database (SQLite at once; PostgreSQL ends its pool: await it before dropping the
 * database). Closing twice is harmless, as it was on SQLite.
 */
export function closeTestDatabase(db: Db): Promise<void> {
	return closeAppDatabase(db).catch(() => {});
}

/** A migrated database in a fresh temporary SQLite file (a real file: WAL and all), or a fresh PostgreSQL database. */
export function createTestDb(): { db: Db; path: string; dispose(): void } {
	const dir = mkdtempSync(join(tmpdir(), 'denktafel-test-'));
	const path = newTestDatabase(dir);
	const db = openTestDatabase(path);
	migrateTestDatabase(db);
	return {
		db,
		path,
		dispose() {
			// SQLite closes at once (before the folder goes); PostgreSQL drops the database once its pool ended.
			const closed = closeTestDatabase(db);
			rmSync(dir, { recursive: true, force: true });
			void closed.then(() => dropTestDatabase(path));
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
