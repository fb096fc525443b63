import { sqliteHandle } from '../../src/lib/server/db/client.ts';
import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db/client.ts';
import { reconcileRoom } from '../../src/lib/server/boards/project-change.ts';
import { openTestDatabase } from './test-db.ts';

/**
 * What a room's doc must hold according to SQL: the server's own load-time projection, run on a
 * fresh doc against the database file. A live doc (persisted across crashes, then reconciled, as the
 * stock client reads it) must equal this map for map.
 */
export async function expectedDoc(db: Db, room: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	await reconcileRoom(db, room, (fn) => doc.transact(() => fn(doc)));
	return doc;
}

/** Every root map of both docs, as plain JSON, for a deep comparison. */
export function docMaps(doc: Y.Doc, names: Iterable<string>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const name of names) out[name] = doc.getMap(name).toJSON();
	return out;
}

/** JSON with object keys sorted: a Y.Map lists its keys in the order this replica received them. */
export function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);
}

/** Whether two docs hold the same maps, whatever order their keys arrived in. */
export function sameMaps(a: Y.Doc, b: Y.Doc): boolean {
	const names = rootNames(a, b);
	return canonical(docMaps(a, names)) === canonical(docMaps(b, names));
}

/** The root names either doc uses (a client learns them from the updates it received). */
export function rootNames(...docs: Y.Doc[]): string[] {
	return [...new Set(docs.flatMap((d) => Array.from(d.share.keys())))].sort();
}

/** Opens the app's database file beside the running server (WAL lets a reader in). */
export function readDb(path: string): Db {
	return openTestDatabase(path);
}

/** `PRAGMA integrity_check` of a database file: 'ok' when sound. */
export function integrity(db: Db): string {
	const rows = sqliteHandle(db).prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>;
	return rows.map((r) => r.integrity_check).join('; ');
}
