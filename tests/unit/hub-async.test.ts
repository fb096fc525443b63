import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE } from '../../server/hub/close-codes.ts';
import { encodeSyncStep1, MESSAGE } from '../../server/hub/protocol.ts';
import type { Projection } from '../../server/hub/index.ts';
import type { DomainChange } from '../../src/lib/server/events.ts';
import { MemoryPersistence, ROOM, openProvider, openRaw, sleep, startHub, synced, until, type Harness } from '../helpers/hub-harness.ts';

// The hub with an asynchronous database behind it: authorization, a room's reconcile and the reads a
// published change needs all take their time, and the hub must stay in order and never leak or crash.

let h: Harness | null = null;
afterEach(async () => {
	await h?.stop();
	h = null;
});

/** A promise to release by hand: stands for a database read that has not answered yet. */
function gate() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { opened, open };
}

/** What each frame is: `sync/0` (step 1), `sync/1` (step 2), `auth/1` (generation), `awareness`. */
function kindOf(frame: Uint8Array): string {
	const d = decoding.createDecoder(frame);
	const type = decoding.readVarUint(d);
	if (type === MESSAGE.sync) return `sync/${decoding.readVarUint(d)}`;
	if (type === MESSAGE.auth) return `auth/${decoding.readVarUint(d)}`;
	return type === MESSAGE.awareness ? 'awareness' : `other/${type}`;
}

/** Applies a sync step 2 frame to a fresh doc and returns its cards map. */
function cardsIn(frame: Uint8Array): Record<string, unknown> {
	const doc = new Y.Doc();
	const d = decoding.createDecoder(frame);
	decoding.readVarUint(d);
	syncProtocol.readSyncMessage(d, { length: 0 } as never, doc, null);
	return doc.getMap('cards').toJSON();
}

const change = (tableId: string): DomainChange => ({ type: 'board.changed', meetingId: 'm-1', tableIds: [tableId], participantIds: [] });

describe('a room that is still loading', () => {
	it('holds the frames that arrive meanwhile and answers them in order once SQL has repaired the doc', async () => {
		const loaded = gate();
		h = await startHub({
			reconcile: async (_room, write) => {
				await loaded.opened;
				write((doc) => doc.getMap('cards').set('repaired', 1));
			}
		});
		const raw = openRaw(h);
		expect(await raw.opened).toBe(true);
		const empty = new Y.Doc();
		raw.socket.send(encodeSyncStep1(empty));
		raw.socket.send(encodeSyncStep1(empty));
		await sleep(50);
		// Nothing before the room is ready: not even the generation.
		expect(raw.frames).toEqual([]);
		loaded.open();
		await until(() => raw.frames.length >= 5);
		expect(raw.frames.map(kindOf)).toEqual(['auth/1', 'sync/0', 'sync/1', 'sync/1', 'sync/1']);
		// The held requests were answered after the repair, from the repaired doc.
		expect(cardsIn(raw.frames[3])).toEqual({ repaired: 1 });
		expect(cardsIn(raw.frames[4])).toEqual({ repaired: 1 });
	});

	it('lets a stock client sync once it has loaded, and applies a change published meanwhile after the repair', async () => {
		const loaded = gate();
		const order: string[] = [];
		h = await startHub({
			reconcile: async (_room, write) => {
				await loaded.opened;
				write((doc) => doc.getMap('cards').set('state', 'repaired'));
				order.push('reconcile');
			},
			project: () => [{ room: ROOM, write: (into) => into((doc) => { doc.getMap('cards').set('state', 'published'); order.push('publish'); }) }]
		});
		const { doc, provider } = openProvider(h, 'alice');
		await until(() => h!.hub.stats().connections === 1);
		h.hub.publish(change('aaaaaaaaaa'));
		await sleep(20);
		expect(order).toEqual([]);
		loaded.open();
		await synced(provider);
		await until(() => doc.getMap('cards').get('state') === 'published');
		expect(order).toEqual(['reconcile', 'publish']);
	});

	it('closes every waiting socket when the room cannot be loaded, and keeps serving other rooms', async () => {
		const persistence = new (class extends MemoryPersistence {
			override load(room: string) {
				if (room === ROOM) throw new Error('disk unreadable');
				return super.load(room);
			}
		})();
		h = await startHub({ persistence });
		const a = openRaw(h);
		const b = openRaw(h, { person: 'bob' });
		expect(await a.closed).toEqual({ code: CLOSE.internalError });
		expect(await b.closed).toEqual({ code: CLOSE.internalError });
		await until(() => h!.hub.stats().connections === 0);
		expect(h.hub.stats().rooms).toBe(0);
		const other = openProvider(h, 'alice', 'table:bbbbbbbbbb');
		await synced(other.provider);
	});
});

describe('publishing with reads that take their time', () => {
	it('writes changes into a room in publish order: an earlier change with a slower read never overwrites a later one', async () => {
		const reads = new Map<string, ReturnType<typeof gate>>();
		const writes: string[] = [];
		h = await startHub({
			project: (c) => {
				const label = (c as { label: string }).label;
				const read = gate();
				reads.set(label, read);
				const projection: Projection = {
					room: ROOM,
					// Reads (slowly, as SQL may), then writes what it read.
					write: async (into) => {
						await read.opened;
						into((doc) => doc.getMap('cards').set('latest', label));
						writes.push(label);
					}
				};
				return [projection];
			}
		});
		const { doc, provider } = openProvider(h, 'alice');
		await synced(provider);
		h.hub.publish({ ...change('aaaaaaaaaa'), label: 'A' } as unknown as DomainChange);
		h.hub.publish({ ...change('aaaaaaaaaa'), label: 'B' } as unknown as DomainChange);
		await until(() => reads.size === 2);
		// B's read answers first; A's later.
		reads.get('B')!.open();
		await sleep(20);
		expect(writes).toEqual([]);
		reads.get('A')!.open();
		await until(() => writes.length === 2);
		expect(writes).toEqual(['A', 'B']);
		await until(() => doc.getMap('cards').get('latest') === 'B');
		expect(h.hub.stats().rooms).toBe(1);
	});

	it('settles only once every published change is written, coalesced writes included', async () => {
		const read = gate();
		const writes: string[] = [];
		h = await startHub({
			project: (c) => {
				const label = (c as { label: string }).label;
				const projection: Projection = {
					room: ROOM,
					write: async (into) => {
						if (label === 'slow') await read.opened;
						into((doc) => doc.getMap('cards').set(label, label));
						writes.push(label);
					},
					...(label === 'coalesced' ? { coalesce: 'one-key' } : {})
				};
				return [projection];
			}
		});
		const { provider } = openProvider(h, 'alice');
		await synced(provider);
		h.hub.publish({ ...change('aaaaaaaaaa'), label: 'slow' } as unknown as DomainChange);
		h.hub.publish({ ...change('aaaaaaaaaa'), label: 'coalesced' } as unknown as DomainChange);
		let settled = false;
		const waiting = h.hub.settled().then(() => (settled = true));
		await sleep(30);
		expect(settled).toBe(false);
		read.open();
		await waiting;
		expect(writes).toEqual(['slow', 'coalesced']);
	});

	it('keeps going after a projection fails or a write throws', async () => {
		let calls = 0;
		h = await startHub({
			project: () => {
				calls++;
				if (calls === 1) throw new Error('projection failed');
				if (calls === 2) return Promise.reject(new Error('projection failed later'));
				if (calls === 3) return [{ room: ROOM, write: () => Promise.reject(new Error('read failed')) }];
				return [{ room: ROOM, write: (into) => into((doc) => doc.getMap('cards').set('after', calls)) }];
			}
		});
		const { doc, provider } = openProvider(h, 'alice');
		await synced(provider);
		for (let i = 0; i < 4; i++) expect(() => h!.hub.publish(change('aaaaaaaaaa'))).not.toThrow();
		await until(() => doc.getMap('cards').get('after') === 4);
	});
});

describe('an upgrade while authorization is still answering', () => {
	it('drops a client that hung up meanwhile: no connection, no room, no crash, and its login may connect again', async () => {
		const answered = gate();
		let waiting = true;
		h = await startHub({
			beforeAuthorize: () => (waiting ? answered.opened : Promise.resolve()),
			limits: { socketsPerParticipantSession: 1, idleUnloadMs: 50 }
		});
		const gone = openRaw(h);
		await sleep(30);
		gone.socket.terminate();
		await gone.closed;
		waiting = false;
		answered.open();
		// Whether the hang-up is noticed before or after the socket is handed over, nothing stays.
		await until(() => h!.hub.stats().connections === 0 && h!.hub.stats().rooms === 0);
		// The one socket this login may hold was never taken by the dropped attempt.
		const { provider } = openProvider(h, 'alice');
		await synced(provider);
		expect(h.hub.stats().connections).toBe(1);
	});
});
