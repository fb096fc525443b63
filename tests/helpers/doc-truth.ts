import { sqliteHandle } from '../../src/lib/server/db/client.ts';
import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db/client.ts';
import { reconcileRoom } from '../../src/lib/server/boards/project-change.ts';
import { canonical, docMaps } from '../../src/lib/realtime/doc-json.ts';
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

export { canonical, docMaps } from '../../src/lib/realtime/doc-json.ts';

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
