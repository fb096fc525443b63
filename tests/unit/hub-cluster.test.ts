import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { boardCards, upsertCard, type BoardCard } from '#lib/realtime/board-doc.ts';
import { CLOSE } from '../../server/hub/close-codes.ts';
import { OTHER_ROOM, ROOM, openProvider, openRaw, startHub, synced, until, type Harness } from '../helpers/hub-harness.ts';

// What cluster mode (server/cluster-hub.ts) asks of the hub: which rooms are in memory, re-reading
// loaded rooms from SQL on a hint, sending a room's sockets away when the meeting's lease is lost, and
// saying when a room has unloaded (and stored) so the lease can be given back.

let h: Harness;
afterEach(async () => {
	await h.stop();
});

function card(id: string, text: string): BoardCard {
	return { id, text, themeId: null, clusterId: null, order: 'a0', authorName: null, hidden: false } as unknown as BoardCard;
}

describe('the hub in cluster mode', () => {
	it('re-reads only the loaded rooms a hint names, and the clients see what SQL holds now', async () => {
		// "SQL": what reconcile writes when a room loads or is re-read.
		const truth = new Map<string, BoardCard[]>([[ROOM, [card('c1', 'Eerste')]]]);
		const reads: string[] = [];
		h = await startHub({
			reconcile: (room, write) => {
				reads.push(room);
				write((doc: Y.Doc) => {
					for (const c of truth.get(room) ?? []) upsertCard(doc, c);
				});
			}
		});
		const { doc, provider } = openProvider(h, 'alice');
		await synced(provider);
		expect(h.hub.loadedRooms()).toEqual([ROOM]);
		expect(reads).toEqual([ROOM]);

		truth.set(ROOM, [card('c1', 'Eerste'), card('c2', 'Van een ander proces')]);
		h.hub.recheck([ROOM, OTHER_ROOM]);
		await until(() => boardCards(doc).has('c2'));
		// OTHER_ROOM is not loaded: it reads SQL when it loads, nothing to do now.
		expect(reads).toEqual([ROOM, ROOM]);
	});

	it('closes the sockets of evicted rooms with the given transient code, unloads them, and reports the unload once stored', async () => {
		const unloaded: string[] = [];
		h = await startHub({ onRoomUnload: (room) => unloaded.push(room) });
		const evicted = openRaw(h, { person: 'alice' });
		const stays = openRaw(h, { person: 'bob', path: `/yjs/${OTHER_ROOM}` });
		await Promise.all([evicted.opened, stays.opened]);
		await until(() => h.hub.loadedRooms().length === 2);

		h.hub.evict([ROOM], CLOSE.notOwner, 'not the owner');
		expect((await evicted.closed).code).toBe(4503);
		await until(() => unloaded.includes(ROOM));
		expect(unloaded).toEqual([ROOM]);
		expect(h.hub.loadedRooms()).toEqual([OTHER_ROOM]);
		expect(stays.socket.readyState).toBe(stays.socket.OPEN);
	});
});
