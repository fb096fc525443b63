import { sqliteHandle } from '#lib/server/db/client.ts';
import type { Db } from '#lib/server/db/client.ts';
import { readCommitted, transaction } from '#lib/server/db/transaction.ts';
import { StaleGenerationError } from './stale-generation.ts';
import type { DocPersistence } from './types.ts';
import { countPersisted } from '#lib/server/ops/metrics.ts';

/**
 * Yjs persistence in the app's SQLite file (tables yjs_documents and yjs_updates), on the app's one
 * connection. It answers at once, except while a domain transaction is open on that connection (they
 * stay open across awaits): a row written then would be committed or rolled back with that
 * transaction (and an update the hub already sent could vanish with a rollback), and a load would see
 * its uncommitted rows. Then the call waits its turn in the connection's transaction queue and
 * answers with a promise.
 */
export function createSqlitePersistence(db: Db, now: () => number = Date.now): DocPersistence {
	const sqlite = sqliteHandle(db);
	const selectGeneration = sqlite.prepare<[string], { generation: number }>(
		'SELECT generation FROM yjs_documents WHERE room = ?'
	);
	const selectUpdates = sqlite.prepare<[string], { data: Buffer }>(
		'SELECT data FROM yjs_updates WHERE room = ? ORDER BY seq'
	);
	// Touches the document row only while its generation is the one loaded (null: never loaded, or no
	// row then); no change means the history was replaced meanwhile (see StaleGenerationError).
	const touchDocument = sqlite.prepare<[{ room: string; now: number; generation: number | null }]>(
		`INSERT INTO yjs_documents (room, updated_at) VALUES (@room, @now)
		 ON CONFLICT (room) DO UPDATE SET updated_at = excluded.updated_at
		 WHERE @generation IS NULL OR yjs_documents.generation = @generation`
	);
	const insertUpdate = sqlite.prepare<[string, Buffer]>(
		'INSERT INTO yjs_updates (room, data) VALUES (?, ?)'
	);
	const countUpdates = sqlite.prepare<[string], { count: number }>(
		'SELECT count(*) AS count FROM yjs_updates WHERE room = ?'
	);
	const deleteUpdates = sqlite.prepare<[string]>('DELETE FROM yjs_updates WHERE room = ?');

	// Rows per room, counted once and then kept: counting at every append scanned the room's rows
	// once per board change. Rows only change through this object while the app runs.
	const rows = new Map<string, number>();
	// The generation each room was loaded at (absent: it had no document row yet).
	const generations = new Map<string, number>();
	const touch = (room: string): void => {
		if (touchDocument.run({ room, now: now(), generation: generations.get(room) ?? null }).changes === 0) {
			throw new StaleGenerationError(room);
		}
		generations.set(room, generations.get(room) ?? (selectGeneration.get(room)?.generation ?? 1));
	};
	const append = sqlite.transaction((room: string, update: Uint8Array): number => {
		touch(room);
		insertUpdate.run(room, toBuffer(update));
		const known = rows.get(room);
		return known === undefined ? (countUpdates.get(room)?.count ?? 0) : known + 1;
	});
	const replace = sqlite.transaction((room: string, snapshot: Uint8Array): void => {
		touch(room);
		deleteUpdates.run(room);
		insertUpdate.run(room, toBuffer(snapshot));
	});

	function load(room: string) {
		const stored = selectGeneration.get(room)?.generation;
		if (stored === undefined) generations.delete(room);
		else generations.set(room, stored);
		const generation = stored ?? 1;
		const updates = selectUpdates.all(room).map((row) => new Uint8Array(row.data));
		rows.set(room, updates.length);
		return { updates, generation };
	}
	function appendUpdate(room: string, update: Uint8Array): number {
		const count = append(room, update);
		rows.set(room, count);
		countPersisted('update');
		return count;
	}
	function compact(room: string, snapshot: Uint8Array): void {
		replace(room, snapshot);
		rows.set(room, 1);
		countPersisted('snapshot');
	}

	return {
		load: (room) => (sqlite.inTransaction ? readCommitted(db, async () => load(room)) : load(room)),
		appendUpdate: (room, update) =>
			sqlite.inTransaction ? transaction(db, async () => appendUpdate(room, update)) : appendUpdate(room, update),
		compact: (room, snapshot) =>
			sqlite.inTransaction ? transaction(db, async () => compact(room, snapshot)) : compact(room, snapshot)
	};
}

// better-sqlite3 binds a Buffer as a BLOB; a view on a larger buffer must not leak its neighbours.
function toBuffer(bytes: Uint8Array): Buffer {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
