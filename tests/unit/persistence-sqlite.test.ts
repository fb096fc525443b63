import { sqliteHandle } from '../../src/lib/server/db/client.ts';
import * as Y from 'yjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '#lib/server/db/client.ts';
import { migrateDatabase } from '#lib/server/db/migrate.ts';
import { transaction } from '#lib/server/db/transaction.ts';
import { createSqlitePersistence } from '../../server/persistence/sqlite.ts';
import { StaleGenerationError } from '../../server/persistence/stale-generation.ts';
import type { DocPersistence, StoredDoc } from '../../server/persistence/types.ts';

const ROOM = 'table:aaaaaaaaaa';
let db: Db;
let persistence: DocPersistence;

beforeEach(() => {
	db = openDatabase(':memory:');
	migrateDatabase(db);
	persistence = createSqlitePersistence(db, () => 42);
});

/** A doc that records every update it makes, as the hub would store them. */
function recordedDoc() {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	return { doc, updates };
}

// Root types appear in Doc#toJSON only once defined, so read them by name.
function json(doc: Y.Doc) {
	return {
		cards: doc.getMap('cards').toJSON(),
		order: doc.getArray('order').toJSON(),
		title: doc.getText('title').toString()
	};
}

function rebuild(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}

describe('SQLite doc persistence', async () => {
	it('loads a room it never stored as empty, generation 1', async () => {
		expect(await persistence.load(ROOM)).toEqual({ updates: [], generation: 1 });
	});

	it('returns appended updates in order and counts the rows a room spans', async () => {
		const { doc, updates } = recordedDoc();
		doc.getMap('cards').set('a', 1);
		doc.getArray('order').push(['a']);
		doc.getMap('cards').delete('a');
		const counts: number[] = [];
		for (const u of updates) counts.push(await persistence.appendUpdate(ROOM, u));
		expect(counts).toEqual([1, 2, 3]);
		const loaded = await persistence.load(ROOM);
		expect(loaded.updates).toEqual(updates);
		expect(json(rebuild(loaded.updates))).toEqual(json(doc));
	});

	it('rebuilds from a compacted snapshot a doc with the same JSON and state vector', async () => {
		const { doc, updates } = recordedDoc();
		for (let i = 0; i < 20; i++) doc.getMap('cards').set(`c${i}`, { text: `card ${i}` });
		doc.getMap('cards').delete('c3');
		doc.getText('title').insert(0, 'Plein');
		for (const update of updates) await persistence.appendUpdate(ROOM, update);

		await persistence.compact(ROOM, Y.encodeStateAsUpdate(doc));
		const loaded = await persistence.load(ROOM);
		expect(loaded.updates).toHaveLength(1);
		const rebuilt = rebuild(loaded.updates);
		expect(json(rebuilt)).toEqual(json(doc));
		expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc));
		expect(await persistence.appendUpdate(ROOM, updates[0])).toBe(2);
	});

	it('keeps rooms apart and stamps the document row', async () => {
		const { doc, updates } = recordedDoc();
		doc.getMap('cards').set('a', 1);
		await persistence.appendUpdate(ROOM, updates[0]);
		await persistence.compact('table:bbbbbbbbbb', Y.encodeStateAsUpdate(new Y.Doc()));
		expect((await persistence.load(ROOM)).updates).toHaveLength(1);
		const rows = sqliteHandle(db)
			.prepare('SELECT room, generation, updated_at FROM yjs_documents ORDER BY room')
			.all();
		expect(rows).toEqual([
			{ room: ROOM, generation: 1, updated_at: 42 },
			{ room: 'table:bbbbbbbbbb', generation: 1, updated_at: 42 }
		]);
	});

	it('stores a view on a larger buffer without its neighbouring bytes', async () => {
		const { doc, updates } = recordedDoc();
		doc.getMap('cards').set('a', 1);
		const padded = new Uint8Array(updates[0].length + 8).fill(0xff);
		padded.set(updates[0], 4);
		await persistence.appendUpdate(ROOM, padded.subarray(4, 4 + updates[0].length));
		expect((await persistence.load(ROOM)).updates).toEqual([updates[0]]);
	});
});

describe('SQLite doc persistence after its history was replaced', () => {
	it('refuses to write the old doc into a history replaced since it loaded, until it loads again', async () => {
		const { doc, updates } = recordedDoc();
		doc.getMap('cards').set('named', { author: 'Alice' });
		doc.getMap('cards').set('other', { author: 'Bob' });
		await persistence.load(ROOM);
		await persistence.appendUpdate(ROOM, updates[0]);
		// What a personal-data deletion does while the room is loaded: rows gone, generation moved on.
		sqliteHandle(db).prepare('DELETE FROM yjs_updates WHERE room = ?').run(ROOM);
		sqliteHandle(db).prepare('UPDATE yjs_documents SET generation = generation + 1 WHERE room = ?').run(ROOM);

		expect(() => persistence.appendUpdate(ROOM, updates[1])).toThrow(StaleGenerationError);
		expect(() => persistence.compact(ROOM, Y.encodeStateAsUpdate(doc))).toThrow(StaleGenerationError);
		expect(await persistence.load(ROOM)).toEqual({ updates: [], generation: 2 });
		expect(await persistence.appendUpdate(ROOM, updates[1])).toBe(1);
	});
});

describe('SQLite doc persistence beside domain transactions', () => {
	// The domain's transactions on SQLite stay open across awaits on the app's one connection; the hub
	// writes whenever its turn comes, which may be while one is open (here held open by a gate, which
	// stands for the turns between a transaction's awaited queries).
	it('waits for a transaction open on the connection, so its rollback cannot take a stored update along', async () => {
		const { doc, updates } = recordedDoc();
		doc.getMap('cards').set('a', 1);
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		let opened!: () => void;
		const isOpen = new Promise<void>((resolve) => (opened = resolve));
		const refused = transaction(db, async () => {
			opened();
			await held;
			throw new Error('refused after a check');
		});
		await isOpen;

		const stored = persistence.appendUpdate(ROOM, updates[0]);
		release();
		await expect(refused).rejects.toThrow('refused after a check');
		expect(await stored).toBe(1);
		expect((await persistence.load(ROOM)).updates).toEqual(updates);
	});

	it('answers at once when no transaction is open (the hub then sends without waiting a turn)', () => {
		const { doc, updates } = recordedDoc();
		doc.getMap('cards').set('a', 1);
		expect(persistence.appendUpdate(ROOM, updates[0])).toBe(1);
		expect((persistence.load(ROOM) as StoredDoc).updates).toEqual(updates);
	});
});
