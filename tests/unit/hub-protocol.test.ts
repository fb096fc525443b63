import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	KEEPALIVE_FRAME,
	MESSAGE,
	decodeAwarenessUpdate,
	encodeAwarenessEntries,
	type AwarenessEntry
} from '../../server/hub/protocol.ts';

describe('awareness codec', () => {
	it('decodes what y-protocols encodes and encodes it back byte for byte', () => {
		const doc = new Y.Doc();
		const awareness = new awarenessProtocol.Awareness(doc);
		awareness.setLocalState({ user: { name: 'Ada' }, writing: true });
		const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);

		const entries = decodeAwarenessUpdate(update);
		expect(entries).toEqual([
			{ clientID: doc.clientID, clock: 1, state: { user: { name: 'Ada' }, writing: true } }
		]);
		expect(encodeAwarenessEntries(entries)).toEqual(update);
		awareness.destroy();
	});

	it('round-trips several entries including a departed (null) state', () => {
		const entries: AwarenessEntry[] = [
			{ clientID: 1, clock: 3, state: { a: 1 } },
			{ clientID: 2 ** 31, clock: 0, state: null }
		];
		expect(decodeAwarenessUpdate(encodeAwarenessEntries(entries))).toEqual(entries);
	});

	it('throws on a truncated update or a state that is not JSON', () => {
		const update = encodeAwarenessEntries([{ clientID: 7, clock: 1, state: { a: 1 } }]);
		expect(() => decodeAwarenessUpdate(update.slice(0, update.length - 2))).toThrow();
		const notJson = encodeAwarenessEntries([{ clientID: 7, clock: 1, state: null }]);
		notJson[notJson.length - 1] = 0x7b; // 'null' becomes 'nul{'
		expect(() => decodeAwarenessUpdate(notJson)).toThrow();
	});
});

describe('keepalive frame', () => {
	it('is an awareness message with zero entries that changes nothing for the stock client', () => {
		const decoder = decoding.createDecoder(KEEPALIVE_FRAME);
		expect(decoding.readVarUint(decoder)).toBe(MESSAGE.awareness);
		const update = decoding.readVarUint8Array(decoder);
		expect(decodeAwarenessUpdate(update)).toEqual([]);

		const awareness = new awarenessProtocol.Awareness(new Y.Doc());
		let events = 0;
		awareness.on('update', () => events++);
		awarenessProtocol.applyAwarenessUpdate(awareness, update, 'server');
		expect(events).toBe(0);
		awareness.destroy();
	});
});
