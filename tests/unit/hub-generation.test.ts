import { sqliteHandle } from '../../src/lib/server/db/client.ts';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { boardCards, reconcileMap, type BoardCard } from '#lib/realtime/board-doc.ts';
import { watchGeneration } from '#lib/realtime/doc-generation.ts';
import { openDatabase } from '#lib/server/db/client.ts';
import { migrateDatabase } from '#lib/server/db/migrate.ts';
import { createSqlitePersistence } from '../../server/persistence/sqlite.ts';
import { ROOM, openProvider, startHub, synced, until, type Harness } from '../helpers/hub-harness.ts';
import { socketClass } from '../helpers/yjs-client.ts';

const card = (id: string): BoardCard => ({
	id, text: `Vraag ${id}`, authorName: null, themeId: null, clusterId: null, orderKey: 'a0', createdAt: 1, updatedAt: 1, votes: null, merged: []
});

let h: Harness;
afterEach(async () => {
	await h.stop();
});

/** A client that starts a new doc when the generation changes, as the browser's room connection does. */
function following(harness: Harness) {
	const state = { doc: new Y.Doc(), replaced: 0 };
	const open = () => {
		const provider = new WebsocketProvider(harness.base, ROOM, state.doc, {
			disableBc: true,
			maxBackoffTime: 100,
			WebSocketPolyfill: socketClass({ cookie: 'session=alice', origin: harness.origin }) as never
		});
		watchGeneration(provider, () => {
			provider.destroy();
			state.doc.destroy();
			state.doc = new Y.Doc();
			state.replaced++;
			open();
		});
		harness.defer(() => provider.destroy());
		return provider;
	};
	return { state, first: open() };
}

describe('a replaced room doc (new generation)', () => {
	it('makes a following client start a new doc; a plain stock client would keep what is gone', async () => {
		const db = openDatabase(':memory:');
		migrateDatabase(db);
		let truth = [card('keep'), card('gone')];
		h = await startHub({
			store: createSqlitePersistence(db),
			reconcile: (_room, write) => write((doc) => reconcileMap(boardCards(doc), truth)),
			limits: { idleUnloadMs: 50 }
		});
		const follower = following(h);
		const plain = openProvider(h, 'bob');
		await Promise.all([synced(follower.first), synced(plain.provider)]);
		expect([...boardCards(follower.state.doc).keys()].sort()).toEqual(['gone', 'keep']);

		// What a restore or a purge does: other stored state under a new generation, the room reloaded.
		truth = [card('keep')];
		sqliteHandle(db).prepare('DELETE FROM yjs_updates WHERE room = ?').run(ROOM);
		sqliteHandle(db).prepare('UPDATE yjs_documents SET generation = generation + 1 WHERE room = ?').run(ROOM);
		h.hub.resetRooms([ROOM]);

		await until(() => follower.state.replaced === 1 && [...boardCards(follower.state.doc).keys()].join() === 'keep', 5000);
		// The stock client merged the new doc into its old one and still shows the card that is gone.
		await until(() => plain.provider.synced, 5000);
		expect(boardCards(plain.doc).has('gone')).toBe(true);
	});
});
