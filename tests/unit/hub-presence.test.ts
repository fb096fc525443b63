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

	it('does not charge echoes of other people\'s presence to a connection\'s rate', async () => {
		const seen = await observer();
		const other = openRaw(h);
		const echoer = openRaw(h);
		await Promise.all([other.opened, echoer.opened]);
		other.socket.send(presenceFrame({ clientID: 801, clock: 1, state: { typing: true } }));
		await until(() => seen.getStates().has(801));
		// What a stock client does with every update it receives: send it back, about someone else.
		for (let n = 1; n <= 30; n++) {
			echoer.socket.send(presenceFrame({ clientID: 801, clock: 1, state: { typing: true } }));
		}
		echoer.socket.send(presenceFrame({ clientID: 802, clock: 1, state: { mine: 'yes' } }));
		await until(() => seen.getStates().get(802)?.mine === 'yes');
		expect(seen.getStates().get(801)?.typing).toBe(true);
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

describe('bounded presence in a large room', () => {
	// Small figures stand in for the defaults (above 50 connections, 20 shown, 10 s).
	const LARGE = { largeRoomConnections: 4, activePresenceMax: 2, activePresenceWindowMs: 400 };
	beforeEach(async () => {
		await h.stop();
		h = await startHub({ limits: LARGE });
	});

	type States = Map<number, Record<string, unknown>>;
	const counts = (states: States) =>
		Array.from(states.values()).find((s) => s.denktafel && !s.user)?.denktafel as
			| { present: number; writing: number; shown: number }
			| undefined;
	const people = (states: States) => Array.from(states.values()).filter((s) => s.user);

	async function room(n: number, person = 'alice') {
		const seen = await observer();
		const others = Array.from({ length: n }, () => openProvider(h, person).provider);
		await Promise.all(others.map((p) => synced(p)));
		// A stock client's first state has clock 0, which no awareness takes: say something.
		for (const p of [seen, ...others.map((o) => o.awareness)]) p.setLocalState({ typing: false });
		return { seen, others };
	}

	it('gives everyone the counts as one hub-written entry and only the active few states', async () => {
		const { seen, others } = await room(5);
		await until(() => counts(seen.getStates())?.present === 6);
		// Going large, the hub takes back the states it had forwarded so far.
		await until(() => people(seen.getStates()).length === 0);
		for (const p of others) p.awareness.setLocalStateField('typing', true);
		await until(() => counts(seen.getStates())?.writing === 5);
		await sleep(50);
		const shown = people(seen.getStates());
		expect(shown.length).toBe(2);
		for (const s of shown) expect(s).toEqual({ typing: true, user: { name: 'Alice', kind: 'participant' } });
		expect(counts(seen.getStates())).toEqual({ present: 6, writing: 5, shown: 2 });
		// A stock client on its own reads the same entry: it is no client's state, and carries no names.
		const entry = Array.from(seen.getStates().values()).find((s) => s.denktafel);
		expect(Object.keys(entry!)).toEqual(['denktafel']);
	});

	it('keeps full presence in a small room, where no client can write the counts', async () => {
		const { seen, others } = await room(3, 'anonymous');
		await until(() => people(seen.getStates()).length === 3);
		others[0].awareness.setLocalState({ typing: true, denktafel: { present: 999, writing: 999 } });
		await until(() => people(seen.getStates()).length === 3);
		await until(() => seen.getStates().get(others[0].doc.clientID)?.typing === true);
		expect(people(seen.getStates()).length).toBe(3);
		expect(counts(seen.getStates())).toBeUndefined();
		expect(seen.getStates().get(others[0].doc.clientID)).toEqual({
			typing: true,
			user: { name: null, kind: 'participant' }
		});
	});

	it('forwards the renewals of a shown state, and none of the others', async () => {
		const watcher = openRaw(h, { person: 'bob' });
		const fillers = Array.from({ length: 3 }, () => openRaw(h));
		const client = openRaw(h);
		await Promise.all([watcher, client, ...fillers].map((c) => c.opened));
		const clocksOf = (id: number) =>
			watcher.frames.flatMap(entriesOf).filter((e) => e.clientID === id).map((e) => e.clock);
		fillers.forEach((f, i) => f.socket.send(presenceFrame({ clientID: 900 + i, clock: 1, state: { at: 0 } })));
		client.socket.send(presenceFrame({ clientID: 950, clock: 1, state: { at: 0 } }));
		await sleep(50);
		// A change makes the client active: it takes a slot and is shown, then renews unchanged.
		client.socket.send(presenceFrame({ clientID: 950, clock: 2, state: { at: 1 } }));
		await until(() => clocksOf(950).includes(2));
		client.socket.send(presenceFrame({ clientID: 950, clock: 3, state: { at: 1 } }));
		await until(() => clocksOf(950).includes(3));
		// The fillers only renew: nothing of theirs is forwarded.
		fillers.forEach((f, i) => f.socket.send(presenceFrame({ clientID: 900 + i, clock: 2, state: { at: 0 } })));
		await sleep(80);
		expect(clocksOf(900)).toEqual([]);
		expect(clocksOf(950)).toEqual([2, 3]);
	});

	it('cleans up: a shown client that leaves or goes quiet disappears, and a smaller room is full again', async () => {
		const { seen, others } = await room(5);
		await until(() => counts(seen.getStates())?.present === 6);
		others[0].awareness.setLocalStateField('typing', true);
		others[1].awareness.setLocalStateField('typing', true);
		await until(() => people(seen.getStates()).length === 2);
		others[0].destroy();
		await until(() => counts(seen.getStates())?.present === 5);
		expect(seen.getStates().has(others[0].doc.clientID)).toBe(false);
		// others[1] changes nothing more: after the window its slot is freed and everyone forgets it,
		// but its owner keeps its own state.
		await until(() => people(seen.getStates()).length === 0, 3000);
		expect(others[1].awareness.getLocalState()).toEqual({ typing: true });
		expect(others[1].awareness.getStates().has(others[1].doc.clientID)).toBe(true);
		// Down to 3 connections (below the margin): every state comes back, the counts entry goes.
		others[2].destroy();
		others[3].destroy();
		await until(() => counts(seen.getStates()) === undefined && people(seen.getStates()).length === 2);
		expect(seen.getStates().get(others[1].doc.clientID)?.typing).toBe(true);
	});
});
