// Backup and restore of the app's SQLite file. A backup uses SQLite's online backup API (through
// better-sqlite3), so it is a consistent snapshot even while the app runs and writes. A restore puts
// a backup in place of the (stopped) app's database and gives every room doc a new generation, so
// screens that were open before reconnect with a fresh Y.Doc instead of merging the newer state they
// hold into the older one (see docs only move forward, DESIGN §2).
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';

/** Copies the live database to `target` (which must not exist) and checks the copy. */
export async function backupDatabase(source: string, target: string): Promise<{ pages: number }> {
	if (!existsSync(source)) throw new Error(`no database at ${source}`);
	if (existsSync(target)) throw new Error(`${target} exists already; choose a new file`);
	const db = new Database(source, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		const { totalPages } = await db.backup(target);
		checkIntegrity(target);
		return { pages: totalPages };
	} finally {
		db.close();
	}
}

/** `PRAGMA integrity_check` of a file; throws unless it says ok. */
export function checkIntegrity(path: string): void {
	const db = new Database(path, { fileMustExist: true });
	try {
		const result = db.pragma('integrity_check', { simple: true });
		if (result !== 'ok') throw new Error(`${path} failed the integrity check: ${String(result)}`);
		db.prepare('SELECT count(*) FROM yjs_documents').get();
	} finally {
		db.close();
	}
}

function generations(db: Database.Database): Map<string, number> {
	const rows = db.prepare('SELECT room, generation FROM yjs_documents').all() as Array<{ room: string; generation: number }>;
	return new Map(rows.map((r) => [r.room, r.generation]));
}

/**
 * Replaces the database at `livePath` with the backup `file`. The app must be stopped. The database it
 * replaces is kept beside it as `<name>.before-restore-<time>`. Returns that path (or null) and the
 * number of room docs given a new generation.
 */
export async function restoreDatabase(file: string, livePath: string, now = Date.now()): Promise<{ keptAs: string | null; rooms: number }> {
	checkIntegrity(file);
	const staging = `${livePath}.restoring`;
	rmSync(staging, { force: true });
	const backup = new Database(file, { readonly: true, fileMustExist: true });
	try {
		await backup.backup(staging);
	} finally {
		backup.close();
	}
	// Generations the open screens may know: those of the live database, when there is one.
	let live = new Map<string, number>();
	if (existsSync(livePath)) {
		const current = new Database(livePath, { fileMustExist: true });
		live = generations(current);
		// Folds the write-ahead log into the file, so the kept copy is whole on its own.
		current.pragma('wal_checkpoint(TRUNCATE)');
		current.close();
	}
	const restored = new Database(staging, { fileMustExist: true });
	let rooms = 0;
	try {
		const theirs = generations(restored);
		const upsert = restored.prepare(
			`INSERT INTO yjs_documents (room, generation, updated_at) VALUES (?, ?, ?)
			 ON CONFLICT (room) DO UPDATE SET generation = excluded.generation, updated_at = excluded.updated_at`
		);
		restored.transaction(() => {
			for (const room of new Set([...theirs.keys(), ...live.keys()])) {
				// Newer than anything a client saw of this room: it starts a fresh doc on reconnect.
				upsert.run(room, Math.max(theirs.get(room) ?? 1, live.get(room) ?? 1) + 1, now);
				rooms++;
			}
		})();
	} finally {
		restored.close();
	}
	let keptAs: string | null = null;
	if (existsSync(livePath)) {
		keptAs = `${livePath}.before-restore-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
		renameSync(livePath, keptAs);
		for (const suffix of ['-wal', '-shm']) rmSync(livePath + suffix, { force: true });
	}
	renameSync(staging, livePath);
	return { keptAs, rooms };
}
