import { sqliteHandle } from '../../src/lib/server/db/client.ts';
import * as Y from 'yjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '#lib/server/db/client.ts';
import { migrateDatabase } from '#lib/server/db/migrate.ts';
import { createSqlitePersistence } from '../../server/persistence/sqlite.ts';
import type { SyncDocPersistence as DocPersistence } from '../../server/persistence/types.ts';

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

describe('SQLite doc persistence', () => {
	it('loads a room it never stored as empty, generation 1', () => {
		expect(persistence.load(ROOM)).toEqual({ updates: [], generation: 1 });
	});

	it('returns appended updates in order and counts the rows a room spans', () => {
		const { doc, updates } = recordedDoc();
		doc.getMap('cards').set('a', 1);
		doc.getArray('order').push(['a']);
		doc.getMap('cards').delete('a');
		expect(updates.map((u) => persistence.appendUpdate(ROOM, u))).toEqual([1, 2, 3]);
		const loaded = persistence.load(ROOM);
		expect(loaded.updates).toEqual(updates);
		expect(json(rebuild(loaded.updates))).toEqual(json(doc));
	});

	it('rebuilds from a compacted snapshot a doc with the same JSON and state vector', () => {
		const { doc, updates } = recordedDoc();
		for (let i = 0; i < 20; i++) doc.getMap('cards').set(`c${i}`, { text: `card ${i}` });
		doc.getMap('cards').delete('c3');
		doc.getText('title').insert(0, 'Plein');
		for (const update of updates) persistence.appendUpdate(ROOM, update);

		persistence.compact(ROOM, Y.encodeStateAsUpdate(doc));
		const loaded = persistence.load(ROOM);
		expect(loaded.updates).toHaveLength(1);
		const rebuilt = rebuild(loaded.updates);
		expect(json(rebuilt)).toEqual(json(doc));
		expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc));
		expect(persistence.appendUpdate(ROOM, updates[0])).toBe(2);
	});

	it('keeps rooms apart and stamps the document row', () => {
		const { doc, updates } = recordedDoc();
		doc.getMap('cards').set('a', 1);
		persistence.appendUpdate(ROOM, updates[0]);
		persistence.compact('table:bbbbbbbbbb', Y.encodeStateAsUpdate(new Y.Doc()));
		expect(persistence.load(ROOM).updates).toHaveLength(1);
		const rows = sqliteHandle(db)
			.prepare('SELECT room, generation, updated_at FROM yjs_documents ORDER BY room')
			.all();
		expect(rows).toEqual([
			{ room: ROOM, generation: 1, updated_at: 42 },
			{ room: 'table:bbbbbbbbbb', generation: 1, updated_at: 42 }
		]);
	});

	it('stores a view on a larger buffer without its neighbouring bytes', () => {
		const { doc, updates } = recordedDoc();
		doc.getMap('cards').set('a', 1);
		const padded = new Uint8Array(updates[0].length + 8).fill(0xff);
		padded.set(updates[0], 4);
		persistence.appendUpdate(ROOM, padded.subarray(4, 4 + updates[0].length));
		expect(persistence.load(ROOM).updates).toEqual([updates[0]]);
	});
});
