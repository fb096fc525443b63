import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDocVerifier } from '../../server/verify-docs.ts';
import { reconcileRoom, type DocWrite, type RoomWrite } from '../../src/lib/server/boards/project-change.ts';
import { boardCards } from '../../src/lib/realtime/board-doc.ts';
import { roomName } from '../../src/lib/realtime/rooms.ts';
import { runTableCommand } from '../../src/lib/server/boards/table-commands.ts';
import { projectChange } from '../../src/lib/server/boards/project-change.ts';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, signIn } from '../helpers/fixtures.ts';

// The integration suite's check that docs equal SQL (DENKTAFEL_VERIFY_DOCS=1, server/verify-docs.ts):
// it must pass the real projection and catch a wrong one.

const db = useTestDb();

afterEach(() => vi.restoreAllMocks());

/** A loaded room as the hub holds it: a doc, written through one transaction per write. */
function liveRoom() {
	const doc = new Y.Doc();
	const into: RoomWrite = (fn) => doc.transact(() => fn(doc));
	return { doc, into };
}

async function runWrites(writes: DocWrite[], rooms: Map<string, RoomWrite>) {
	for (const w of writes) {
		const into = rooms.get(w.room);
		if (into) await w.write(into);
	}
}

describe('the doc check against SQL', () => {
	it('finds nothing wrong after the real projection of a command', async () => {
		const m = await facilitatorWithMeeting(db());
		const { actor } = await signIn(db(), { userId: m.userId });
		const room = roomName('table', m.tableId);
		const table = liveRoom();
		await reconcileRoom(db(), room, table.into);
		const verifier = createDocVerifier(db(), async () => {});

		const added = await runTableCommand(db(), actor, m.tableId, { commandId: 'verify-1', type: 'card.add', text: 'Wie houdt de regie?' }, Date.now());
		expect(added.ok && added.change).toBeTruthy();
		if (!added.ok || !added.change) return;
		await runWrites(verifier.wrap(projectChange(db(), added.change)), new Map([[room, table.into]]));
		await verifier.checked();

		expect(boardCards(table.doc).size).toBe(1);
		expect(verifier.mismatches).toBe(0);
	});

	it('catches a projection that writes what SQL does not hold, and logs it', async () => {
		const m = await facilitatorWithMeeting(db());
		const room = roomName('table', m.tableId);
		const table = liveRoom();
		await reconcileRoom(db(), room, table.into);
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		const verifier = createDocVerifier(db(), async () => {});

		// A deliberately wrong projection: a card in the doc that no command put in SQL.
		const wrong: DocWrite = {
			room,
			async write(into) {
				into((doc) =>
					boardCards(doc).set('nosuchcardaaaaaaaaa', {
						id: 'nosuchcardaaaaaaaaa', text: 'Verzonnen', authorName: null, themeId: null, clusterId: null,
						orderKey: 'a0', createdAt: 0, updatedAt: 0, votes: null, merged: []
					})
				);
			}
		};
		await runWrites(verifier.wrap([wrong]), new Map([[room, table.into]]));
		await verifier.checked();

		expect(verifier.mismatches).toBe(1);
		expect(errors.mock.calls.some(([line]) => String(line).includes(`[verify-docs] mismatch in ${room}`))).toBe(true);
	});
});
