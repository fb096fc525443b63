import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

// A seeded, reproducible generator of hostile y-websocket frames: valid sync and awareness messages
// as the stock client sends them and command frames as the board sends them, mutated in the ways parsers break (flipped bits, cut lengths, huge
// varints, spliced messages), mixed with plain random bytes. The same seed gives the same frames.

/** mulberry32: small, fast, good enough to pick mutations; deterministic for a seed. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	write(e);
	return encoding.toUint8Array(e);
}

/** Well-formed messages of every kind a client may send, made by the real protocol code. */
export function validFrames(): Uint8Array[] {
	const doc = new Y.Doc();
	doc.clientID = 4242;
	doc.getMap('cards').set('forged', { id: 'forged', text: 'Niet via een opdracht', votes: 9 });
	doc.getArray('list').insert(0, [1, 2, 3]);
	const awareness = new awarenessProtocol.Awareness(doc);
	awareness.setLocalState({ typing: true, cursor: { x: 10, y: 20 }, user: { name: 'Iemand anders' } });
	const awarenessUpdate = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
	awareness.setLocalState(null);
	const leave = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
	awareness.destroy();
	const update = Y.encodeStateAsUpdate(doc);
	const frames = [
		frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep1(e, doc))),
		frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep1(e, new Y.Doc()))),
		frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep2(e, doc))),
		frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeUpdate(e, update))),
		frame((e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, awarenessUpdate))),
		frame((e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, leave))),
		frame((e) => encoding.writeVarUint(e, 3)),
		frame((e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint(e, 0), encoding.writeVarString(e, 'nope'))),
		// Commands on the room socket (type 8, issue #18): one that is refused (see FUZZ_COMMAND), and one
		// that is not JSON.
		frame((e) => (encoding.writeVarUint(e, 8), encoding.writeVarString(e, JSON.stringify(FUZZ_COMMAND)))),
		frame((e) => (encoding.writeVarUint(e, 8), encoding.writeVarString(e, '{"commandId":"fuzz","type":')))
	];
	doc.destroy();
	return frames;
}

// Refused however it is mutated: it names another table, and without that it edits a card no board has.
const FUZZ_COMMAND = { commandId: 'fuzz-command-0001', type: 'card.edit', cardId: 'fuzzfuzzfuzzfuzzfuzz', text: 'Uit de fuzzer', tableId: 'fuzzfuzzfuzzfuzzfuzz' };

const HOSTILE_BYTES = [0x00, 0x01, 0x02, 0x03, 0x7f, 0x80, 0xff];

function mutate(bytes: Uint8Array, rnd: () => number, pool: Uint8Array[]): Uint8Array {
	const int = (n: number) => Math.floor(rnd() * n);
	let out = Array.from(bytes);
	const steps = 1 + int(3);
	for (let s = 0; s < steps; s++) {
		const at = out.length ? int(out.length) : 0;
		switch (int(8)) {
			case 0: // flip bits
				if (out.length) out[at] ^= 1 << int(8);
				break;
			case 1: // a boundary byte
				if (out.length) out[at] = HOSTILE_BYTES[int(HOSTILE_BYTES.length)];
				break;
			case 2: // cut the message short
				out = out.slice(0, at);
				break;
			case 3: // insert random bytes
				out.splice(at, 0, ...Array.from({ length: 1 + int(16) }, () => int(256)));
				break;
			case 4: // delete a range
				out.splice(at, 1 + int(8));
				break;
			case 5: // a huge varint where a length or count may be
				out.splice(at, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f);
				break;
			case 6: // duplicate a chunk
				out.splice(at, 0, ...out.slice(at, at + 1 + int(32)));
				break;
			case 7: // splice in the tail of another valid message
				{
					const other = pool[int(pool.length)];
					out = out.slice(0, at).concat(Array.from(other.slice(int(other.length))));
				}
				break;
		}
	}
	return Uint8Array.from(out);
}

/**
 * `count` frames from `seed`: about a sixth unchanged valid messages, half mutated ones, the rest random
 * bytes (0–512 long, sometimes led by a valid message type).
 */
export function fuzzFrames(seed: number, count: number): Uint8Array[] {
	const rnd = prng(seed);
	const pool = validFrames();
	const frames: Uint8Array[] = [];
	for (let i = 0; i < count; i++) {
		const roll = rnd();
		const base = pool[Math.floor(rnd() * pool.length)];
		if (roll < 0.15) frames.push(base);
		else if (roll < 0.65) frames.push(mutate(base, rnd, pool));
		else {
			const bytes = Uint8Array.from({ length: Math.floor(rnd() * 513) }, () => Math.floor(rnd() * 256));
			if (bytes.length && rnd() < 0.5) bytes[0] = [0, 1, 2, 3, 8][Math.floor(rnd() * 5)];
			frames.push(bytes);
		}
	}
	return frames;
}
