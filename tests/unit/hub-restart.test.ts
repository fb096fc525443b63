import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardCards, upsertCard, type BoardCard } from '#lib/realtime/board-doc.ts';
import { openDatabase } from '#lib/server/db/client.ts';
import { migrateDatabase } from '#lib/server/db/migrate.ts';
import { createSqlitePersistence } from '../../server/persistence/sqlite.ts';
import { openProvider, startHub, synced, until, type Harness } from '../helpers/hub-harness.ts';

const card: BoardCard = {
	id: 'card1',
	text: 'Bankjes in de schaduw',
	authorName: null,
	themeId: null,
	clusterId: null,
	orderKey: 'a0',
	createdAt: 1,
	updatedAt: 1,
	votes: null,
	merged: []
};

const running: Harness[] = [];
afterEach(async () => {
	for (const h of running.splice(0)) await h.stop();
});

describe('a restart with SQLite persistence', () => {
	it('reloads the very doc clients already hold, so item identity survives', async () => {
		const db = openDatabase(':memory:');
		migrateDatabase(db);
		const store = createSqlitePersistence(db);
		// SQL truth: the reconcile of every load writes the card (a no-op when the doc has it).
		const reconcile = (_room: string, write: (fn: (doc: Y.Doc) => void) => void) =>
			write((doc) => upsertCard(doc, card));

		const first = await startHub({ store, reconcile });
		running.push(first);
		const kept = openProvider(first, 'alice');
		await until(() => boardCards(kept.doc).has('card1'));
		await first.stop();
		running.splice(0);
		const stateBefore = Y.encodeStateVector(kept.doc);

		const second = await startHub({ store, reconcile });
		running.push(second);
		const fresh = openProvider(second, 'bob');
		await synced(fresh.provider);
		expect(Y.encodeStateVector(fresh.doc)).toEqual(stateBefore);
		expect(boardCards(fresh.doc).toJSON()).toEqual({ card1: card });
	});
});
