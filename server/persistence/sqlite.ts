import { sqliteHandle } from '#lib/server/db/client.ts';
import type { Db } from '#lib/server/db/client.ts';
import type { SyncDocPersistence } from './types.ts';
import { countPersisted } from '#lib/server/ops/metrics.ts';

/** Yjs persistence in the app's SQLite file (tables yjs_documents and yjs_updates). */
export function createSqlitePersistence(db: Db, now: () => number = Date.now): SyncDocPersistence {
	const sqlite = sqliteHandle(db);
	const selectGeneration = sqlite.prepare<[string], { generation: number }>(
		'SELECT generation FROM yjs_documents WHERE room = ?'
	);
	const selectUpdates = sqlite.prepare<[string], { data: Buffer }>(
		'SELECT data FROM yjs_updates WHERE room = ? ORDER BY seq'
	);
	const touchDocument = sqlite.prepare<[string, number]>(
		`INSERT INTO yjs_documents (room, updated_at) VALUES (?, ?)
		 ON CONFLICT (room) DO UPDATE SET updated_at = excluded.updated_at`
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
	const append = sqlite.transaction((room: string, update: Uint8Array): number => {
		touchDocument.run(room, now());
		insertUpdate.run(room, toBuffer(update));
		const known = rows.get(room);
		return known === undefined ? (countUpdates.get(room)?.count ?? 0) : known + 1;
	});
	const replace = sqlite.transaction((room: string, snapshot: Uint8Array): void => {
		touchDocument.run(room, now());
		deleteUpdates.run(room);
		insertUpdate.run(room, toBuffer(snapshot));
	});

	return {
		load(room) {
			const generation = selectGeneration.get(room)?.generation ?? 1;
			const updates = selectUpdates.all(room).map((row) => new Uint8Array(row.data));
			rows.set(room, updates.length);
			return { updates, generation };
		},
		appendUpdate: (room, update) => {
			const count = append(room, update);
			rows.set(room, count);
			countPersisted('update');
			return count;
		},
		compact: (room, snapshot) => {
			replace(room, snapshot);
			rows.set(room, 1);
			countPersisted('snapshot');
		}
	};
}

// better-sqlite3 binds a Buffer as a BLOB; a view on a larger buffer must not leak its neighbours.
function toBuffer(bytes: Uint8Array): Buffer {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
