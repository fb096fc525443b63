import * as Y from 'yjs';
import type { Db } from '../src/lib/server/db/client.ts';
import { reconcileRoom, type DocWrite, type RoomWrite } from '../src/lib/server/boards/project-change.ts';
import { canonical, docMaps } from '../src/lib/realtime/doc-json.ts';
import { increment } from '../src/lib/server/ops/metrics.ts';

// A check for tests (DENKTAFEL_VERIFY_DOCS=1): after changes have been written into a loaded room, the
// room's doc must hold what the room's load-time reconcile would write from SQL. The hub writes docs
// from committed changes (in commit order, some from values the change carries, some re-read); this
// proves, after every command of the integration suite, that the two roads end in the same doc.
// A difference counts only when it holds at two quiet moments with nothing published in between: a
// change committed but not yet written is a lag, not a mismatch.

export interface DocVerifier {
	/** The projection's writes, each followed by a check of its room. */
	wrap(writes: DocWrite[]): DocWrite[];
	/** Mismatches found so far. */
	readonly mismatches: number;
	/** Resolves when no check is scheduled or running. */
	checked(): Promise<void>;
}

const QUIET_MS = 40;

export function createDocVerifier(db: Db, settled: () => Promise<void>): DocVerifier {
	/** The live doc of each room written since it was last checked. */
	const dirty = new Map<string, Y.Doc>();
	let published = 0;
	let mismatches = 0;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let checking: Promise<void> = Promise.resolve();

	/** What differs between the room's doc and SQL, or null (also when something was published meanwhile). */
	async function difference(room: string, doc: Y.Doc): Promise<string | null> {
		await settled();
		const seen = published;
		const expected = new Y.Doc();
		await reconcileRoom(db, room, (fn) => expected.transact(() => fn(expected)));
		if (published !== seen || doc.isDestroyed) return null;
		increment('denktafel_doc_checks_total');
		// The maps reconcile writes; others (presence counts) are the hub's own.
		const names = [...expected.share.keys()].sort();
		const want = canonical(docMaps(expected, names));
		const have = canonical(docMaps(doc, names));
		expected.destroy();
		return want === have ? null : `SQL says ${want.slice(0, 600)} but the doc holds ${have.slice(0, 600)}`;
	}

	async function check(): Promise<void> {
		timer = null;
		const rooms = [...dirty];
		dirty.clear();
		for (const [room, doc] of rooms) {
			const before = published;
			const first = await difference(room, doc);
			if (first === null) continue;
			await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
			const second = await difference(room, doc);
			if (second === null || published !== before) continue;
			mismatches++;
			increment('denktafel_doc_mismatches_total');
			console.error(`[verify-docs] mismatch in ${room}: ${second}`);
		}
	}

	function written(room: string, into: RoomWrite): void {
		into((doc) => dirty.set(room, doc));
		timer ??= setTimeout(() => {
			// Must not reject: an unhandled rejection would end the server.
			checking = checking.then(check).catch((error: unknown) => console.error('[verify-docs] a check failed', error));
		}, QUIET_MS);
		timer.unref?.();
	}

	return {
		wrap(writes) {
			published++;
			return writes.map((w) => ({
				...w,
				async write(into) {
					await w.write(into);
					written(w.room, into);
				}
			}));
		},
		get mismatches() {
			return mismatches;
		},
		async checked() {
			while (timer !== null || dirty.size > 0) await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
			await checking;
		}
	};
}
