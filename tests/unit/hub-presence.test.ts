import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import {
	MESSAGE,
	decodeAwarenessUpdate,
	encodeAwarenessEntries,
	encodeAwarenessMessage,
	type AwarenessEntry
} from '../../server/hub/protocol.ts';
import {
	openProvider,
	openRaw,
	sleep,
	startHub,
	synced,
	until,
	type Harness
} from '../helpers/hub-harness.ts';

let h: Harness;
beforeEach(async () => {
	h = await startHub();
});
afterEach(async () => {
	await h.stop();
});

function presenceFrame(...entries: AwarenessEntry[]): Uint8Array {
	return encodeAwarenessMessage(encodeAwarenessEntries(entries));
}

/** The awareness entries a received frame carries (none for other message types). */
function entriesOf(frame: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(frame);
	if (decoding.readVarUint(decoder) !== MESSAGE.awareness) return [];
	return decodeAwarenessUpdate(decoding.readVarUint8Array(decoder));
}

async function observer() {
	const bob = openProvider(h, 'bob');
	await synced(bob.provider);
	return bob.provider.awareness;
}

describe('presence', () => {
	it('replaces a forged user field with the identity the server knows', async () => {
		const seen = await observer();
		const alice = openProvider(h, 'alice');
		alice.provider.awareness.setLocalState({
			user: { name: 'The Admin', kind: 'admin' },
			writing: true
		});
		await until(() => seen.getStates().has(alice.doc.clientID));
		expect(seen.getStates().get(alice.doc.clientID)).toEqual({
			user: { name: 'Alice', kind: 'participant' },
			writing: true
		});
	});

	it('carries no name for a participant of an anonymous meeting', async () => {
		const seen = await observer();
		const anon = openProvider(h, 'anonymous');
		anon.provider.awareness.setLocalState({ user: { name: 'Guess who' } });
		await until(() => seen.getStates().has(anon.doc.clientID));
		expect(seen.getStates().get(anon.doc.clientID)?.user).toEqual({
			name: null,
			kind: 'participant'
		});
	});

	it('never lets a connection null out or take over a client id it did not introduce', async () => {
		const seen = await observer();
		const alice = openProvider(h, 'alice');
		alice.provider.awareness.setLocalState({ writing: false });
		await until(() => seen.getStates().has(alice.doc.clientID));

		const mallory = openRaw(h, { person: 'bob' });
		await mallory.opened;
		const victim = alice.doc.clientID;
		mallory.socket.send(
			presenceFrame(
				{ clientID: victim, clock: 1000, state: null },
				{ clientID: 9001, clock: 1, state: { mine: true } }
			)
		);
		mallory.socket.send(presenceFrame({ clientID: victim, clock: 1001, state: { writing: true } }));
		await until(() => seen.getStates().has(9001));
		await sleep(50);
		expect(seen.getStates().get(victim)).toEqual({
			writing: false,
			user: { name: 'Alice', kind: 'participant' }
		});
	});

	it('drops a state larger than 2048 bytes of JSON', async () => {
		const seen = await observer();
		const client = openRaw(h);
		await client.opened;
		client.socket.send(
			presenceFrame({ clientID: 501, clock: 1, state: { blob: 'x'.repeat(2100) } })
		);
		client.socket.send(presenceFrame({ clientID: 502, clock: 1, state: { small: true } }));
		await until(() => seen.getStates().has(502));
		expect(seen.getStates().has(501)).toBe(false);
	});

	it('forwards an unchanged renewal, so clients keep remote states alive', async () => {
		const watcher = openRaw(h, { person: 'bob' });
		const client = openRaw(h);
		await Promise.all([watcher.opened, client.opened]);
		const clocksSeen = () =>
			watcher.frames
				.flatMap(entriesOf)
				.filter((e) => e.clientID === 601)
				.map((e) => e.clock);
		client.socket.send(presenceFrame({ clientID: 601, clock: 1, state: { same: 1 } }));
		await until(() => clocksSeen().includes(1));
		client.socket.send(presenceFrame({ clientID: 601, clock: 2, state: { same: 1 } }));
		await until(() => clocksSeen().includes(2));
		expect(clocksSeen()).toEqual([1, 2]);
	});

	it('drops presence sent faster than the per-connection rate', async () => {
		const seen = await observer();
		const client = openRaw(h);
		await client.opened;
		for (let n = 1; n <= 30; n++) {
			client.socket.send(presenceFrame({ clientID: 701, clock: n, state: { n } }));
		}
		await until(() => seen.getStates().has(701));
		await sleep(100);
		expect(seen.getStates().get(701)?.n).toBeLessThan(10);
	});

	it('removes the states of a connection that goes away', async () => {
		const seen = await observer();
		const client = openRaw(h);
		await client.opened;
		client.socket.send(presenceFrame({ clientID: 801, clock: 1, state: { here: true } }));
		await until(() => seen.getStates().has(801));
		client.socket.terminate();
		await until(() => !seen.getStates().has(801));
		expect(seen.getStates().has(801)).toBe(false);
	});

	it('does not make the server itself present', async () => {
		const seen = await observer();
		await sleep(30);
		expect(Array.from(seen.getStates().keys())).toEqual([seen.clientID]);
	});
});
