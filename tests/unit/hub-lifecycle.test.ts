import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { boardCards, upsertCard, type BoardCard } from '#lib/realtime/board-doc.ts';
import type { DomainChange } from '#lib/server/events.ts';
import type { HubLimits } from '../../server/hub/index.ts';
import { KEEPALIVE_FRAME } from '../../server/hub/protocol.ts';
import {
	OTHER_ROOM,
	ROOM,
	openProvider,
	openRaw,
	sleep,
	startHub,
	synced,
	until,
	type Harness
} from '../helpers/hub-harness.ts';

let h: Harness;
async function start(limits: Partial<HubLimits> = {}) {
	h = await startHub({
		limits,
		project: (change) => {
			const c = change as DomainChange;
			if (c.type !== 'board.changed') throw new Error('projection failed');
			return c.tableIds.map((id) => {
				// As read when the change is projected: each publish writes its own version.
				const version = written.get(id)!;
				return {
					room: `table:${id}`,
					write: (into: (fn: (doc: Y.Doc) => void) => void) => into((doc) => upsertCard(doc, version))
				};
			});
		}
	});
	return h;
}
afterEach(async () => {
	await h.stop();
});

const card: BoardCard = {
	id: 'card1',
	text: 'Meer groen op het plein',
	authorName: null,
	themeId: null,
	clusterId: null,
	orderKey: 'a0',
	createdAt: 1,
	updatedAt: 1,
	votes: null,
	merged: []
};
const TABLE_ID = ROOM.slice('table:'.length);
// What the test's projection writes per table (the app's projection reads it from SQL).
const written = new Map<string, BoardCard>();
const upserted = (tableId: string, text = card.text): DomainChange => {
	written.set(tableId, { ...card, text });
	return { type: 'board.changed', meetingId: 'm-1', tableIds: [tableId], participantIds: [] };
};

describe('publishing', () => {
	it('writes a published change into a loaded room and every client sees it', async () => {
		await start();
		const { doc, provider } = openProvider(h, 'alice');
		await synced(provider);
		h.hub.publish(upserted(TABLE_ID));
		await until(() => boardCards(doc).has('card1'));
		expect(boardCards(doc).get('card1')).toEqual(card);
		expect(h.persistence.rows.get(ROOM)).toHaveLength(1);
	});

	it('skips rooms that are not loaded and never throws', async () => {
		await start();
		h.hub.publish(upserted(OTHER_ROOM.slice('table:'.length)));
		const errors = console.error;
		console.error = () => {};
		try {
			expect(() => h.hub.publish({ type: 'nonsense' } as unknown as DomainChange)).not.toThrow();
		} finally {
			console.error = errors;
		}
		expect(h.persistence.rows.size).toBe(0);
	});
});

describe('connections over time', () => {
	it('closes the connections of a signed-out participant with 4401 and no others', async () => {
		await start();
		const alice = openRaw(h, { person: 'alice' });
		const bob = openRaw(h, { person: 'bob' });
		await Promise.all([alice.opened, bob.opened]);
		h.hub.disconnect({});
		h.hub.disconnect({ participantId: 'p-alice' });
		expect(await alice.closed).toEqual({ code: 4401 });
		expect(bob.socket.readyState).toBe(WebSocket.OPEN);
	});

	it('sends a quiet client an empty awareness frame as keepalive', async () => {
		await start({ keepaliveIntervalMs: 40, tickMs: 10 });
		const client = openRaw(h);
		await client.opened;
		await until(() => client.frames.some((f) => Buffer.from(f).equals(KEEPALIVE_FRAME)));
		expect(client.socket.readyState).toBe(WebSocket.OPEN);
	});

	it('cuts a client that stops answering pings, and keeps one that answers', async () => {
		await start({ pingIntervalMs: 30, tickMs: 10 });
		const alive = openRaw(h, { person: 'bob' });
		const deaf = new WebSocket(`${h.base}/${ROOM}`, {
			autoPong: false,
			headers: { Origin: h.origin, Cookie: 'session=alice' }
		});
		h.defer(() => deaf.terminate());
		const closed = new Promise<number>((resolve) => deaf.on('close', resolve));
		expect(await closed).toBe(1006);
		expect(alive.socket.readyState).toBe(WebSocket.OPEN);
	});

	it('unloads an idle room after its delay, compacting first', async () => {
		await start({ idleUnloadMs: 30 });
		const { provider } = openProvider(h, 'alice');
		await synced(provider);
		h.hub.publish(upserted(TABLE_ID));
		h.hub.publish(upserted(TABLE_ID, 'edited'));
		provider.disconnect();
		await until(() => h.hub.stats().rooms === 0);
		expect(h.persistence.log.at(-1)).toBe(`compact ${ROOM}`);
	});

	it('shuts down with 1001 to every client, stores every room, and finishes quickly', async () => {
		await start();
		const { provider } = openProvider(h, 'alice');
		const raw = openRaw(h, { person: 'bob' });
		await Promise.all([synced(provider), raw.opened]);
		h.hub.publish(upserted(TABLE_ID));
		h.hub.publish(upserted(TABLE_ID, 'edited'));
		const started = Date.now();
		await h.hub.close();
		expect(Date.now() - started).toBeLessThan(3000);
		expect(await raw.closed).toEqual({ code: 1001 });
		expect(h.hub.stats()).toEqual({ rooms: 0, connections: 0 });
		expect(h.persistence.rows.get(ROOM)).toHaveLength(1);
		await sleep(10);
	});
});
