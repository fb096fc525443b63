import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '#lib/server/db/client.ts';
import { migrateDatabase } from '#lib/server/db/migrate.ts';
import { CLOSE } from '../../server/hub/close-codes.ts';
import { createSqlitePersistence } from '../../server/persistence/sqlite.ts';
import type { DocPersistence, StoredDoc } from '../../server/persistence/types.ts';
import type { DomainChange } from '../../src/lib/server/events.ts';
import { ROOM, openProvider, openRaw, sleep, startHub, synced, until, type Harness } from '../helpers/hub-harness.ts';

// The hub on a store that answers later (as PostgreSQL does): our SQLite store on a real file, behind
// a wrapper that delays, holds back or fails its answers. Whatever the timing, a client only ever
// receives what is stored, in the order it was made; a compaction loses nothing; close() waits for
// every write; a failed append is never sent and the room reloads from SQL.

let h: Harness | null = null;
let dir: string | null = null;
afterEach(async () => {
	await h?.stop();
	h = null;
	if (dir) rmSync(dir, { recursive: true, force: true });
	dir = null;
});

function sqliteFile(): Db {
	dir = mkdtempSync(join(tmpdir(), 'denktafel-hub-store-'));
	const db = openDatabase(join(dir, 'test.db'));
	migrateDatabase(db);
	return db;
}

/** A promise to release by hand: a store answer that has not come yet. */
function gate() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { opened, open };
}

/** Our SQLite store answering later: each call waits `delay()` ms (or a gate), then runs. */
class LateStore implements DocPersistence {
	readonly inner: DocPersistence;
	delay: () => number = () => 0;
	/** When set, the next append waits for this gate (then is cleared). */
	hold: Promise<void> | null = null;
	/** When set, appends fail (after their delay) with this error. */
	failWith: Error | null = null;
	compactDelay = 0;
	appendsInFlight = 0;
	compactsInFlight = 0;
	/** Calls that overlapped an append or compaction of the same room (must stay empty). */
	overlaps: string[] = [];
	compactions = 0;

	constructor(db: Db) {
		this.inner = createSqlitePersistence(db);
	}

	async load(room: string): Promise<StoredDoc> {
		await sleep(this.delay());
		return this.inner.load(room);
	}

	/** The room's rows as stored right now (no domain transaction is open in these tests: at once). */
	rows(room = ROOM): Uint8Array[] {
		return (this.inner.load(room) as StoredDoc).updates;
	}

	async appendUpdate(room: string, update: Uint8Array): Promise<number> {
		if (this.appendsInFlight + this.compactsInFlight > 0) this.overlaps.push('append');
		this.appendsInFlight++;
		try {
			const held = this.hold;
			this.hold = null;
			await (held ?? sleep(this.delay()));
			if (this.failWith) throw this.failWith;
			return this.inner.appendUpdate(room, update);
		} finally {
			this.appendsInFlight--;
		}
	}

	async compact(room: string, snapshot: Uint8Array): Promise<void> {
		if (this.appendsInFlight + this.compactsInFlight > 0) this.overlaps.push('compact');
		this.compactsInFlight++;
		try {
			await sleep(this.compactDelay);
			await this.inner.compact(room, snapshot);
			this.compactions++;
		} finally {
			this.compactsInFlight--;
		}
	}

	/** The room's doc as stored right now. */
	stored(room = ROOM): Y.Doc {
		const doc = new Y.Doc();
		for (const update of this.rows(room)) Y.applyUpdate(doc, update);
		return doc;
	}
}

const change = (label: string) =>
	({ type: 'board.changed', meetingId: 'm-1', tableIds: ['aaaaaaaaaa'], participantIds: [], label }) as unknown as DomainChange;

/** A hub whose published changes each write `cards[label] = label` and `latest = label` into ROOM. */
async function hubOn(store: DocPersistence, extra: Parameters<typeof startHub>[0] = {}) {
	return startHub({
		store,
		project: (c) => {
			const label = (c as { label: string }).label;
			return [
				{
					room: ROOM,
					write: (into) =>
						into((doc) => {
							doc.getMap('cards').set(label, label);
							doc.getMap('meta').set('latest', label);
						})
				}
			];
		},
		...extra
	});
}

const labels = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `k${String(from + i).padStart(3, '0')}`);

describe('the hub on a store that answers later', () => {
	it('sends a client nothing the store does not hold yet, and every update in the order it was made', async () => {
		const store = new LateStore(sqliteFile());
		store.delay = () => Math.random() * 8;
		h = await hubOn(store);
		const { doc, provider } = openProvider(h, 'alice');
		await synced(provider);

		const unstored: string[] = [];
		const latestSeen: string[] = [];
		doc.on('update', () => {
			const stored = store.stored().getMap('cards');
			for (const key of doc.getMap('cards').keys()) if (!stored.has(key)) unstored.push(key);
			const latest = doc.getMap('meta').get('latest') as string;
			if (latest !== latestSeen.at(-1)) latestSeen.push(latest);
		});
		const written = labels(40);
		for (const label of written) {
			h.hub.publish(change(label));
			if (Math.random() < 0.3) await sleep(3);
		}
		await until(() => doc.getMap('cards').size === written.length, 5000);

		expect(unstored).toEqual([]);
		// `latest` only moves forward (a burst may arrive as one merged update) and ends at the last.
		expect(latestSeen).toEqual([...latestSeen].sort());
		expect(latestSeen.at(-1)).toBe(written.at(-1));
		expect(store.overlaps).toEqual([]);
	});

	it('greets a client that joins while an update is being stored only once the store has it', async () => {
		const store = new LateStore(sqliteFile());
		h = await hubOn(store);
		const first = openProvider(h, 'alice');
		await synced(first.provider);
		const held = gate();
		store.hold = held.opened;
		h.hub.publish(change('pending'));
		await until(() => store.appendsInFlight === 1);

		const late = openRaw(h, { person: 'bob' });
		expect(await late.opened).toBe(true);
		await sleep(50);
		// Neither the greeting (it would carry the doc with the pending update) nor the update itself.
		expect(late.frames).toEqual([]);
		expect(first.doc.getMap('cards').has('pending')).toBe(false);

		held.open();
		await until(() => late.frames.length >= 3);
		await until(() => first.doc.getMap('cards').has('pending'));
		expect(store.stored().getMap('cards').get('pending')).toBe('pending');
		const joined = openProvider(h, 'bob');
		await synced(joined.provider);
		expect(joined.doc.getMap('cards').get('pending')).toBe('pending');
	});

	it('compacts between appends, never beside one, and keeps every update made during a compaction', async () => {
		const store = new LateStore(sqliteFile());
		store.delay = () => Math.random() * 4;
		store.compactDelay = 30;
		h = await hubOn(store, { limits: { compactAfterUpdates: 5 } });
		const { doc, provider } = openProvider(h, 'alice');
		await synced(provider);

		const duringCompaction: string[] = [];
		const written = labels(60);
		for (const label of written) {
			if (store.compactsInFlight > 0) duringCompaction.push(label);
			h.hub.publish(change(label));
			await sleep(2);
		}
		await until(() => doc.getMap('cards').size === written.length, 5000);
		await h.stop();
		h = null;

		expect(store.compactions).toBeGreaterThan(1);
		expect(duringCompaction.length).toBeGreaterThan(0);
		expect(store.overlaps).toEqual([]);
		const stored = store.stored().getMap('cards');
		expect([...stored.keys()].sort()).toEqual(written);
		// Unload compacted the rest into one snapshot.
		expect(store.rows()).toHaveLength(1);
	});

	it('resolves close() only once every update made before it is stored', async () => {
		const store = new LateStore(sqliteFile());
		store.delay = () => 20;
		h = await hubOn(store);
		const { provider } = openProvider(h, 'alice');
		await synced(provider);
		const written = labels(10);
		for (const label of written) h.hub.publish(change(label));
		await until(() => store.appendsInFlight === 1);

		await h.stop();
		h = null;
		expect(store.appendsInFlight).toBe(0);
		expect([...store.stored().getMap('cards').keys()].sort()).toEqual(written);
	});

	it('loads a room again only after its previous life has stored everything', async () => {
		const store = new LateStore(sqliteFile());
		h = await hubOn(store, { limits: { idleUnloadMs: 10 } });
		const first = openProvider(h, 'alice');
		await synced(first.provider);
		store.delay = () => 150;
		h.hub.publish(change('stored-late'));
		await until(() => store.appendsInFlight === 1);
		first.provider.destroy();
		await until(() => h!.hub.stats().rooms === 0);

		store.delay = () => 0;
		const again = openProvider(h, 'bob');
		await synced(again.provider);
		expect(again.doc.getMap('cards').get('stored-late')).toBe('stored-late');
	});

	it('never sends an update the store refused: the room closes its sockets (1011) and reloads from SQL', async () => {
		const store = new LateStore(sqliteFile());
		// What SQL holds: the room's reconcile writes it into a freshly loaded doc.
		const truth = new Map<string, string>();
		let reloads = 0;
		h = await hubOn(store, {
			reconcile: (_room, write) => {
				reloads++;
				write((doc) => {
					for (const [key, value] of truth) if (doc.getMap('cards').get(key) !== value) doc.getMap('cards').set(key, value);
				});
			}
		});
		const raw = openRaw(h, { person: 'bob' });
		const { doc, provider } = openProvider(h, 'alice');
		await synced(provider);
		truth.set('before', 'before');
		h.hub.publish(change('before'));
		await until(() => doc.getMap('cards').has('before'));

		const seen: string[] = [];
		doc.on('update', () => seen.push(...doc.getMap('cards').keys()));
		// The store goes down: this append fails, and the two queued behind it are dropped.
		store.failWith = new Error('connection terminated');
		const held = gate();
		store.hold = held.opened;
		for (const label of ['lost1', 'lost2', 'lost3']) {
			truth.set(label, label);
			h.hub.publish(change(label));
		}
		await until(() => store.appendsInFlight === 1);
		held.open();

		expect(await raw.closed).toEqual({ code: CLOSE.internalError });
		expect(seen.filter((key) => key.startsWith('lost'))).toEqual([]);

		// The store is back: the client reconnects by itself and gets what SQL holds.
		store.failWith = null;
		await until(() => doc.getMap('cards').size === 4, 5000);
		expect(reloads).toBe(2);
		expect(doc.getMap('cards').toJSON()).toEqual(Object.fromEntries(truth));
		expect([...store.stored().getMap('cards').keys()].sort()).toEqual([...truth.keys()].sort());
		expect(store.overlaps).toEqual([]);
	});
});
