import * as Y from 'yjs';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type OpenPostgres } from '../../src/lib/server/db/postgres.ts';
import { createPostgresPersistence, StaleGenerationError } from '../../server/persistence/postgres.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres-server.ts';
import { ROOM as HUB_ROOM, openProvider, openRaw, startHub, synced, until } from '../helpers/hub-harness.ts';
import { CLOSE } from '../../server/hub/close-codes.ts';
import type { DomainChange } from '../../src/lib/server/events.ts';

// The Yjs doc store on a real PostgreSQL server: what it stores comes back in order, a compaction
// replaces exactly the rows it covers, two processes share one database, and a server restart makes
// calls fail while it is down and work again after.

const ROOM = 'table:aaaaaaaaaa';
let server: RunningPostgres;
const opened: OpenPostgres[] = [];

beforeAll(async () => {
	server = await startPostgres();
});
afterAll(async () => {
	await server?.stop();
});
afterEach(async () => {
	await Promise.all(opened.splice(0).map((o) => o.close()));
});

/** A pool on a fresh migrated database, closed after the test; `url` opens more on the same one. */
async function database() {
	const url = await server.createDatabase();
	return { url, pool: pool(url) };
}

function pool(url: string) {
	const o = openPostgres(url, { max: 4 });
	opened.push(o);
	return o.pool;
}

/** A doc that records every update it makes, as the hub would store them. */
function recordedDoc() {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	return { doc, updates };
}

function rebuild(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}

const cards = (doc: Y.Doc) => doc.getMap('cards').toJSON();

async function rowsOf(p: pg.Pool, room = ROOM): Promise<number[]> {
	const { rows } = await p.query<{ seq: number }>('SELECT seq FROM yjs_updates WHERE room = $1 ORDER BY seq', [room]);
	return rows.map((r) => Number(r.seq));
}

describe('PostgreSQL doc persistence', () => {
	it('loads a room it never stored as empty at generation 1, then returns appended updates in order', async () => {
		const { pool: p } = await database();
		const store = createPostgresPersistence(p, { now: () => 42 });
		expect(await store.load(ROOM)).toEqual({ updates: [], generation: 1 });

		const { doc, updates } = recordedDoc();
		doc.getMap('cards').set('a', { text: 'eerste' });
		doc.getArray('order').push(['a']);
		doc.getMap('cards').delete('a');
		doc.getMap('cards').set('b', { text: 'tweede' });
		const counts: number[] = [];
		for (const update of updates) counts.push(await store.appendUpdate(ROOM, update));
		expect(counts).toEqual([1, 2, 3, 4]);

		const loaded = await createPostgresPersistence(p).load(ROOM);
		expect(loaded.generation).toBe(1);
		expect(loaded.updates).toEqual(updates);
		expect(cards(rebuild(loaded.updates))).toEqual({ b: { text: 'tweede' } });
		const { rows } = await p.query('SELECT room, generation, updated_at FROM yjs_documents');
		expect(rows).toEqual([{ room: ROOM, generation: 1, updated_at: 42 }]);
	});

	it('stores a view on a larger buffer without its neighbouring bytes', async () => {
		const { pool: p } = await database();
		const store = createPostgresPersistence(p);
		await store.load(ROOM);
		const { doc, updates } = recordedDoc();
		doc.getMap('cards').set('a', 1);
		const padded = new Uint8Array(updates[0].length + 8).fill(0xff);
		padded.set(updates[0], 4);
		await store.appendUpdate(ROOM, padded.subarray(4, 4 + updates[0].length));
		expect((await store.load(ROOM)).updates).toEqual([updates[0]]);
	});

	it('compacts into one snapshot that rebuilds the same doc, and counts rows from there', async () => {
		const { pool: p } = await database();
		const store = createPostgresPersistence(p);
		await store.load(ROOM);
		const { doc, updates } = recordedDoc();
		for (let i = 0; i < 20; i++) doc.getMap('cards').set(`c${i}`, { text: `kaart ${i}` });
		doc.getMap('cards').delete('c3');
		for (const update of updates) await store.appendUpdate(ROOM, update);

		await store.compact(ROOM, Y.encodeStateAsUpdate(doc));
		expect(await rowsOf(p)).toHaveLength(1);
		const loaded = await createPostgresPersistence(p).load(ROOM);
		const rebuilt = rebuild(loaded.updates);
		expect(cards(rebuilt)).toEqual(cards(doc));
		expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc));

		doc.getMap('cards').set('late', { text: 'na het comprimeren' });
		expect(await store.appendUpdate(ROOM, updates.at(-1)!)).toBe(2);
	});

	it('keeps, when compacting, a row it did not know of (written by another process meanwhile)', async () => {
		const { url, pool: p } = await database();
		const mine = createPostgresPersistence(p);
		const theirs = createPostgresPersistence(pool(url));
		await mine.load(ROOM);
		const { doc, updates } = recordedDoc();
		doc.getMap('cards').set('mine', 1);
		await mine.appendUpdate(ROOM, updates[0]);

		// Another writer's update lands after this store loaded the room.
		await theirs.load(ROOM);
		const other = recordedDoc();
		other.doc.getMap('cards').set('theirs', 2);
		await theirs.appendUpdate(ROOM, other.updates[0]);

		await mine.compact(ROOM, Y.encodeStateAsUpdate(doc));
		const loaded = await createPostgresPersistence(p).load(ROOM);
		expect(loaded.updates).toHaveLength(2);
		expect(cards(rebuild(loaded.updates))).toEqual({ mine: 1, theirs: 2 });
	});

	it('lets a second process load what the first wrote, and carry on from there', async () => {
		const { url, pool: p } = await database();
		const first = createPostgresPersistence(p);
		await first.load(ROOM);
		const { doc, updates } = recordedDoc();
		for (let i = 0; i < 5; i++) doc.getMap('cards').set(`c${i}`, i);
		for (const update of updates) await first.appendUpdate(ROOM, update);
		await first.compact(ROOM, Y.encodeStateAsUpdate(doc));
		doc.getMap('cards').set('after', true);
		await first.appendUpdate(ROOM, updates.at(-1)!);

		const second = createPostgresPersistence(pool(url));
		const loaded = await second.load(ROOM);
		expect(loaded.updates).toHaveLength(2);
		const taken = rebuild(loaded.updates);
		expect(cards(taken)).toEqual(cards(doc));

		// The second process owns the room now: its writes and compaction cover the first one's rows.
		const more: Uint8Array[] = [];
		taken.on('update', (u: Uint8Array) => more.push(u));
		taken.getMap('cards').set('second', 'yes');
		expect(await second.appendUpdate(ROOM, more[0])).toBe(3);
		await second.compact(ROOM, Y.encodeStateAsUpdate(taken));
		expect(await rowsOf(p)).toHaveLength(1);
		expect(cards(rebuild((await first.load(ROOM)).updates))).toEqual({ ...cards(doc), second: 'yes' });
	});

	it('refuses to write into a history that was replaced since it loaded, until it loads again', async () => {
		const { pool: p } = await database();
		const store = createPostgresPersistence(p);
		await store.load(ROOM);
		const { doc, updates } = recordedDoc();
		doc.getMap('cards').set('named', { author: 'Alice' });
		doc.getMap('cards').set('other', { author: 'Bob' });
		await store.appendUpdate(ROOM, updates[0]);

		// What a personal-data deletion does: the rows go and the generation moves on.
		await p.query('DELETE FROM yjs_updates WHERE room = $1', [ROOM]);
		await p.query('UPDATE yjs_documents SET generation = generation + 1 WHERE room = $1', [ROOM]);

		await expect(store.appendUpdate(ROOM, updates[1])).rejects.toBeInstanceOf(StaleGenerationError);
		await expect(store.compact(ROOM, Y.encodeStateAsUpdate(doc))).rejects.toBeInstanceOf(StaleGenerationError);
		expect(await rowsOf(p)).toEqual([]);

		expect(await store.load(ROOM)).toEqual({ updates: [], generation: 2 });
		expect(await store.appendUpdate(ROOM, updates[1])).toBe(1);
	});
});

describe('PostgreSQL doc persistence across a server restart', () => {
	it('fails appends while the server is down, works again after, and loses no acknowledged update', async () => {
		const { url, pool: p } = await database();
		const store = createPostgresPersistence(p);
		await store.load(ROOM);
		const acknowledged: string[] = [];
		const failed: string[] = [];
		let n = 0;
		// One writer appending one update after another, as the hub does for a room. Each update stands
		// alone (its own doc), so one that failed does not hold back those after it when rebuilt.
		async function appendNext(): Promise<boolean> {
			const key = `c${n++}`;
			const one = new Y.Doc();
			one.getMap('cards').set(key, key);
			try {
				await store.appendUpdate(ROOM, Y.encodeStateAsUpdate(one));
				acknowledged.push(key);
				return true;
			} catch (error) {
				expect(error).toBeInstanceOf(Error);
				failed.push(key);
				await new Promise((resolve) => setTimeout(resolve, 20));
				return false;
			}
		}
		for (let i = 0; i < 5; i++) await appendNext();

		let stop = false;
		const writer = (async () => {
			while (!stop) await appendNext();
		})();
		// `fast`: the server ends every connection (in-flight appends fail) and stops. Not `immediate`:
		// the test cluster runs with synchronous_commit off, so a crash-like stop would forget commits
		// it had acknowledged, which says nothing about this store.
		await server.stopServer({ mode: 'fast' });
		expect(await appendNext()).toBe(false);
		await server.startServer();
		// The pool opens fresh connections: appends succeed again.
		const before = acknowledged.length;
		await expect.poll(() => acknowledged.length, { timeout: 10_000 }).toBeGreaterThan(before + 5);
		stop = true;
		await writer;

		expect(failed.length).toBeGreaterThan(0);
		const loaded = await createPostgresPersistence(pool(url)).load(ROOM);
		const stored = Object.keys(cards(rebuild(loaded.updates)));
		// Every acknowledged update is there. A failed one may be there too (the server may have
		// committed it as the connection dropped), which the hub's reload from SQL makes harmless.
		expect(stored).toEqual(expect.arrayContaining(acknowledged));
		expect(acknowledged.length + failed.length).toBe(n);
	}, 60_000);
});

describe('the hub on the PostgreSQL store', () => {
	it('stores a burst with compactions in between, and a second hub on the same database loads all of it', async () => {
		const { url, pool: p } = await database();
		const project = (change: unknown) => {
			const key = (change as { key: string }).key;
			return [{ room: HUB_ROOM, write: (into: (fn: (doc: Y.Doc) => void) => void) => into((doc) => doc.getMap('cards').set(key, key)) }];
		};
		const first = await startHub({ store: createPostgresPersistence(p), project, limits: { compactAfterUpdates: 10 } });
		const keys = Array.from({ length: 200 }, (_, i) => `c${i}`);
		try {
			const { doc, provider } = openProvider(first, 'alice');
			await synced(provider);
			for (const key of keys) {
				first.hub.publish({ type: 'board.changed', meetingId: 'm-1', tableIds: [], participantIds: [], key } as unknown as DomainChange);
				if (Number(key.slice(1)) % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
			}
			await until(() => doc.getMap('cards').size === keys.length, 10_000);
		} finally {
			await first.stop();
		}
		// Compacted along the way and on unload: one snapshot row.
		expect(await rowsOf(p, HUB_ROOM)).toHaveLength(1);

		const second = await startHub({ store: createPostgresPersistence(pool(url)), project });
		try {
			const { doc, provider } = openProvider(second, 'bob');
			await synced(provider);
			expect(Object.keys(doc.getMap('cards').toJSON()).sort()).toEqual([...keys].sort());
		} finally {
			await second.stop();
		}
	}, 60_000);

	it('keeps writing through a server restart: failed writes reach nobody, sockets close with 1011, the room reloads from SQL', async () => {
		const { url, pool: p } = await database();
		const store = createPostgresPersistence(p);
		// What SQL holds; the room's reconcile writes it into a freshly loaded doc.
		const truth = new Map<string, number>();
		const h = await startHub({
			store,
			reconcile: (_room, write) =>
				write((doc) => {
					for (const [key, value] of truth) if (doc.getMap('cards').get(key) !== value) doc.getMap('cards').set(key, value);
				}),
			project: (change) => {
				const key = (change as unknown as { key: string }).key;
				return [{ room: HUB_ROOM, write: (into) => into((doc) => doc.getMap('cards').set(key, truth.get(key))) }];
			}
		});
		try {
			const { doc, provider } = openProvider(h, 'alice');
			const raw = openRaw(h, { person: 'bob' });
			await synced(provider);
			// Whatever the client holds at any moment, the store held it first.
			const unstored: string[] = [];
			const check = async () => {
				const held = Object.keys(doc.getMap('cards').toJSON());
				const stored = rebuild((await createPostgresPersistence(pool(url)).load(HUB_ROOM)).updates).getMap('cards');
				unstored.push(...held.filter((key) => !stored.has(key)));
			};
			let n = 0;
			const commit = () => {
				const key = `c${n++}`;
				truth.set(key, n);
				h.hub.publish({ type: 'board.changed', meetingId: 'm-1', tableIds: [], participantIds: [], key } as unknown as DomainChange);
			};
			for (let i = 0; i < 10; i++) commit();
			await until(() => doc.getMap('cards').size === 10, 5000);
			await check();

			await server.stopServer({ mode: 'fast' });
			for (let i = 0; i < 5; i++) commit();
			expect(await raw.closed).toEqual({ code: CLOSE.internalError });
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(doc.getMap('cards').size).toBe(10);
			await server.startServer();

			for (let i = 0; i < 5; i++) commit();
			// The stock client reconnects by itself; the room loads from the store and SQL repairs it.
			await until(() => doc.getMap('cards').size === truth.size, 15_000);
			expect(doc.getMap('cards').toJSON()).toEqual(Object.fromEntries(truth));
			await check();
			expect(unstored).toEqual([]);
		} finally {
			await h.stop();
		}
		const stored = rebuild((await createPostgresPersistence(p).load(HUB_ROOM)).updates);
		expect(stored.getMap('cards').toJSON()).toEqual(Object.fromEntries(truth));
	}, 60_000);
});
