import type pg from 'pg';
import { countPersisted } from '#lib/server/ops/metrics.ts';
import { StaleGenerationError } from './stale-generation.ts';
import type { DocPersistence } from './types.ts';

export { StaleGenerationError } from './stale-generation.ts';

// Yjs persistence in PostgreSQL (tables yjs_documents and yjs_updates of schema-pg.ts), for when the
// app runs on PostgreSQL. Every call is one SQL statement, so one round trip and one transaction: an
// append touches the document row and inserts the update together; a compaction touches it, deletes
// the rows it covers and inserts the snapshot together.
//
// Two guards keep a room's history whole when more than one writer may reach it (a second process
// during a handover, a personal-data deletion that rewrites the history and bumps the generation):
// - a compaction deletes exactly the rows this store loaded or appended (by seq), never "all rows of
//   the room", so a row someone else wrote meanwhile survives;
// - an append or compaction only goes ahead while the room's generation is the one this store loaded:
//   once the history was replaced, writing the old doc's updates into it would mix two histories
//   (and bring back what a deletion removed). The call then fails and the hub reloads the room.

/** A stored update's row; `seq` orders a room's updates. */
interface UpdateRow {
	seq: number;
	data: Buffer;
}

/** What an append or compaction answers: the new row's seq, and the room's generation. */
interface Written {
	seq: number;
	generation: number;
}

export interface PostgresPersistenceOptions {
	now?: () => number;
}

// The document row is touched only while its generation is the loaded one ($4; null when this store
// never loaded the room). When it is not, `doc` is empty and nothing else is written.
const TOUCH = `INSERT INTO yjs_documents AS d (room, updated_at) VALUES ($1, $2)
	ON CONFLICT (room) DO UPDATE SET updated_at = excluded.updated_at
	WHERE $4::integer IS NULL OR d.generation = $4::integer
	RETURNING room, generation`;

const APPEND = `WITH doc AS (${TOUCH})
	INSERT INTO yjs_updates (room, data) SELECT room, $3 FROM doc
	RETURNING seq, (SELECT generation FROM doc) AS generation`;

const COMPACT = `WITH doc AS (${TOUCH}),
	covered AS (DELETE FROM yjs_updates u USING doc WHERE u.room = doc.room AND u.seq = ANY($5::bigint[]))
	INSERT INTO yjs_updates (room, data) SELECT room, $3 FROM doc
	RETURNING seq, (SELECT generation FROM doc) AS generation`;

// One statement, so the generation and the updates are read as of one moment.
const LOAD = `SELECT d.generation, u.seq, u.data FROM yjs_documents d
	LEFT JOIN yjs_updates u ON u.room = d.room WHERE d.room = $1 ORDER BY u.seq`;

/**
 * The doc store on a node-postgres pool (the app's `openPostgres(url).pool`, or a drizzle pg db's
 * `$client`). The pool must read int8 as a number, as openPostgres arranges.
 */
export function createPostgresPersistence(pool: pg.Pool, options: PostgresPersistenceOptions = {}): DocPersistence {
	const now = options.now ?? Date.now;
	// Per room: the generation it was loaded at, and the seqs of its rows this store knows of (loaded
	// or appended). The count of those is the row count the hub compacts by.
	const rooms = new Map<string, { generation: number | null; seqs: number[] }>();

	async function known(room: string) {
		let entry = rooms.get(room);
		if (!entry) {
			// Appended to without a load (not what the hub does): count what is there, guard nothing.
			const rows = await pool.query<{ seq: number }>('SELECT seq FROM yjs_updates WHERE room = $1', [room]);
			entry = rooms.get(room) ?? { generation: null, seqs: rows.rows.map((r) => Number(r.seq)) };
			rooms.set(room, entry);
		}
		return entry;
	}

	return {
		async load(room) {
			const { rows } = await pool.query<{ generation: number } & Partial<UpdateRow>>(LOAD, [room]);
			const generation = rows[0]?.generation ?? 1;
			const stored = rows.filter((r): r is typeof r & UpdateRow => r.seq != null && r.data != null);
			// A room that has no document row yet gets one at generation 1 on its first append.
			rooms.set(room, { generation: rows.length ? generation : null, seqs: stored.map((r) => Number(r.seq)) });
			return { generation, updates: stored.map((r) => toBytes(r.data)) };
		},

		async appendUpdate(room, update) {
			const entry = await known(room);
			const { rows } = await pool.query<Written>(APPEND, [room, now(), toBuffer(update), entry.generation]);
			if (rows.length === 0) throw new StaleGenerationError(room);
			entry.seqs.push(Number(rows[0].seq));
			// A room new to the database now has a document row: guard its generation from here on.
			entry.generation = rows[0].generation;
			countPersisted('update');
			return entry.seqs.length;
		},

		async compact(room, snapshot) {
			const entry = await known(room);
			// What this snapshot replaces: the rows known now. An append that ends meanwhile adds its seq
			// after this list was taken, so its row is kept.
			const covered = entry.seqs.slice();
			const { rows } = await pool.query<Written>(COMPACT, [
				room,
				now(),
				toBuffer(snapshot),
				entry.generation,
				covered
			]);
			if (rows.length === 0) throw new StaleGenerationError(room);
			const gone = new Set(covered);
			entry.seqs = [...entry.seqs.filter((seq) => !gone.has(seq)), Number(rows[0].seq)];
			entry.generation = rows[0].generation;
			countPersisted('snapshot');
		}
	};
}

// node-postgres sends a Buffer as bytea; a view on a larger buffer must not carry its neighbours.
function toBuffer(bytes: Uint8Array): Buffer {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toBytes(data: Buffer): Uint8Array {
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
