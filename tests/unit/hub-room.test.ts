import { encodeGeneration } from '../../src/lib/realtime/doc-generation.ts';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { Room, SERVER_ORIGIN, type RoomOptions } from '../../server/hub/room.ts';
import { DEFAULT_LIMITS, type Peer } from '../../server/hub/types.ts';
import { MESSAGE, SYNC } from '../../server/hub/protocol.ts';
import { MemoryPersistence, PEOPLE, ROOM } from '../helpers/hub-harness.ts';

const rooms: Room[] = [];
afterEach(() => {
	for (const room of rooms.splice(0)) room.unload();
});

async function load(persistence: MemoryPersistence, extra: Partial<RoomOptions> = {}): Promise<Room> {
	const room = await Room.load(ROOM, {
		persistence,
		limits: { ...DEFAULT_LIMITS, compactAfterUpdates: 5 },
		reconcile: () => {},
		onUnload: () => {},
		...extra
	});
	rooms.push(room);
	return room;
}

function fakePeer(log: string[] = []) {
	const peer = {
		identity: PEOPLE.alice,
		sent: [] as Uint8Array[],
		closedWith: null as number | null,
		send(data: Uint8Array) {
			log.push('send');
			peer.sent.push(data);
		},
		close(code: number) {
			peer.closedWith = code;
		},
		takePresenceToken: () => true
	};
	return peer satisfies Peer;
}

function syncFrame(subType: number, payload: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE.sync);
	encoding.writeVarUint(e, subType);
	encoding.writeVarUint8Array(e, payload);
	return encoding.toUint8Array(e);
}

/** The sync sub-type of a frame the room sent, and the doc it brings to an empty client. */
function readSync(frame: Uint8Array): { subType: number; doc: Y.Doc } {
	const d = decoding.createDecoder(frame);
	expect(decoding.readVarUint(d)).toBe(MESSAGE.sync);
	const subType = decoding.readVarUint(d);
	const doc = new Y.Doc();
	if (subType !== SYNC.step1) Y.applyUpdate(doc, decoding.readVarUint8Array(d));
	return { subType, doc };
}

function aClientUpdate(): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('cards').set('forged', { text: 'written by a client' });
	return Y.encodeStateAsUpdate(doc);
}

describe('Room', () => {
	it('stores an update before it sends it to anyone', async () => {
		const persistence = new MemoryPersistence();
		const room = await load(persistence);
		const peer = fakePeer(persistence.log);
		room.join(peer);
		persistence.log.length = 0;
		room.write((doc) => doc.getMap('cards').set('c1', 'hello'));
		expect(persistence.log).toEqual([`append ${ROOM}`, 'send']);
		expect(readSync(peer.sent.at(-1)!).doc.getMap('cards').get('c1')).toBe('hello');
	});

	it('writes with the typed server origin', async () => {
		const room = await load(new MemoryPersistence());
		const origins: unknown[] = [];
		room.doc.on('afterTransaction', (t: Y.Transaction) => origins.push(t.origin));
		room.write((doc) => doc.getMap('cards').set('c1', 1));
		expect(origins).toEqual([SERVER_ORIGIN]);
	});

	it('drops document updates and sync step 2 from clients and leaves the doc unchanged', async () => {
		const persistence = new MemoryPersistence();
		const room = await load(persistence);
		room.write((doc) => doc.getMap('cards').set('real', 'yes'));
		const before = Y.encodeStateVector(room.doc);
		const peer = fakePeer();
		room.join(peer);
		peer.sent.length = 0;
		room.receive(peer, syncFrame(SYNC.update, aClientUpdate()));
		room.receive(peer, syncFrame(SYNC.step2, aClientUpdate()));
		expect(Y.encodeStateVector(room.doc)).toEqual(before);
		expect(room.doc.getMap('cards').toJSON()).toEqual({ real: 'yes' });
		expect(persistence.rows.get(ROOM)).toHaveLength(1);
		expect(peer.sent).toEqual([]);
	});

	it('answers sync step 1 with what the client lacks', async () => {
		const room = await load(new MemoryPersistence());
		room.write((doc) => doc.getMap('cards').set('c1', 'one'));
		const peer = fakePeer();
		room.join(peer);
		room.receive(peer, syncFrame(SYNC.step1, Y.encodeStateVector(new Y.Doc())));
		const answer = readSync(peer.sent.at(-1)!);
		expect(answer.subType).toBe(SYNC.step2);
		expect(answer.doc.getMap('cards').toJSON()).toEqual({ c1: 'one' });
	});

	it('greets a joining connection with the doc generation, sync step 1 and the full state', async () => {
		const room = await load(new MemoryPersistence());
		room.write((doc) => doc.getMap('cards').set('c1', 'one'));
		const peer = fakePeer();
		room.join(peer);
		const [generation, ...sync] = peer.sent;
		expect(generation).toEqual(encodeGeneration(1));
		expect(sync.map((f) => readSync(f).subType)).toEqual([SYNC.step1, SYNC.step2]);
		expect(readSync(sync[1]).doc.getMap('cards').toJSON()).toEqual({ c1: 'one' });
	});

	it('throws on a frame that does not decode, for the caller to close that connection', async () => {
		const room = await load(new MemoryPersistence());
		const peer = fakePeer();
		room.join(peer);
		expect(() => room.receive(peer, new Uint8Array([MESSAGE.sync, 9]))).toThrow();
		expect(() => room.receive(peer, new Uint8Array([MESSAGE.awareness, 5, 1]))).toThrow();
	});

	it('loads stored updates without storing them again, then lets reconcile repair the doc', async () => {
		const persistence = new MemoryPersistence();
		const first = await load(persistence);
		first.write((doc) => doc.getMap('cards').set('a', 1));
		first.write((doc) => doc.getMap('cards').set('b', 2));
		first.unload();
		persistence.log.length = 0;
		const second = await load(persistence, {
			reconcile: (_room, write) => write((doc) => doc.getMap('cards').set('lost-in-crash', 3))
		});
		expect(second.doc.getMap('cards').toJSON()).toEqual({ a: 1, b: 2, 'lost-in-crash': 3 });
		expect(persistence.log).toEqual([`append ${ROOM}`]);
	});

	it('compacts its rows into one snapshot past the threshold and on unload', async () => {
		const persistence = new MemoryPersistence();
		const room = await load(persistence);
		for (let i = 0; i < 5; i++) room.write((doc) => doc.getMap('cards').set(`c${i}`, i));
		expect(persistence.rows.get(ROOM)).toHaveLength(1);
		room.write((doc) => doc.getMap('cards').set('late', true));
		expect(persistence.rows.get(ROOM)).toHaveLength(2);
		const json = room.doc.getMap('cards').toJSON();
		room.unload();
		expect(persistence.rows.get(ROOM)).toHaveLength(1);
		expect((await load(persistence)).doc.getMap('cards').toJSON()).toEqual(json);
	});

	it('broadcasts nothing and reloads when storing an update fails', async () => {
		const persistence = new MemoryPersistence();
		let unloaded = false;
		const room = await load(persistence, { onUnload: () => (unloaded = true) });
		const peer = fakePeer();
		room.join(peer);
		peer.sent.length = 0;
		persistence.failAppend = true;
		const errors = console.error;
		console.error = () => {};
		try {
			room.write((doc) => doc.getMap('cards').set('c1', 'never seen'));
			await Promise.resolve();
		} finally {
			console.error = errors;
		}
		expect(peer.sent).toEqual([]);
		expect(peer.closedWith).toBe(1011);
		expect(unloaded).toBe(true);
		expect(persistence.rows.get(ROOM)).toBeUndefined();
	});
});
