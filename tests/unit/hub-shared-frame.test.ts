import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { Room } from '../../server/hub/room.ts';
import { rawSocket, shareFrame, type SharedFrame } from '../../server/hub/shared-frame.ts';
import { DEFAULT_LIMITS, type Peer } from '../../server/hub/types.ts';
import { MemoryPersistence, PEOPLE, ROOM } from '../helpers/hub-harness.ts';

// A broadcast is framed once and the same bytes go to every socket (issue #18). Two things must hold:
// the hand-made frame is a WebSocket frame a client reads back exactly, at every length encoding; and
// the installed `ws` still keeps its socket and sender where rawSocket looks (else the hub falls back to
// `ws`'s own send, correct but without the saving: this test says so at an upgrade of `ws`).
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function pair(): Promise<{ server: WebSocket; received: Buffer[] }> {
	const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
	await new Promise((resolve) => wss.once('listening', resolve));
	const serverSide = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
	const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
	const received: Buffer[] = [];
	client.on('message', (data: Buffer) => received.push(data));
	await new Promise((resolve) => client.once('open', resolve));
	const server = await serverSide;
	cleanups.push(() => {
		client.terminate();
		return new Promise<void>((resolve) => wss.close(() => resolve()));
	});
	return { server, received };
}

describe('a shared frame', () => {
	it('reaches a ws client as exactly its payload, at every length encoding, in order with ws own sends', async () => {
		const { server, received } = await pair();
		const raw = rawSocket(server);
		expect(raw).not.toBeNull();
		const sizes = [0, 1, 125, 126, 300, 65_535, 65_536, 70_000];
		const payloads = sizes.map((n, i) => new Uint8Array(n).map((_, k) => (k * 7 + i) % 251));
		for (const payload of payloads) {
			raw!.write(shareFrame(payload).wire);
			server.send(payload.subarray(0, 3));
		}
		await expect.poll(() => received.length).toBe(sizes.length * 2);
		payloads.forEach((payload, i) => {
			expect(new Uint8Array(received[2 * i])).toEqual(payload);
			expect(new Uint8Array(received[2 * i + 1])).toEqual(payload.subarray(0, 3));
		});
	});

	it('is not written raw past a ws that negotiated an extension (its frames would differ)', async () => {
		const { server } = await pair();
		Object.defineProperty(server, 'extensions', { value: 'permessage-deflate' });
		expect(rawSocket(server)).toBeNull();
	});
});

describe('a room broadcast', () => {
	it('frames its update once and hands every connection the same frame', async () => {
		const room = await Room.load(ROOM, { persistence: new MemoryPersistence(), limits: DEFAULT_LIMITS, reconcile: () => {}, onUnload: () => {} });
		cleanups.push(() => room.unload());
		const peers = Array.from({ length: 3 }, () => {
			const peer = {
				identity: PEOPLE.alice,
				shared: [] as SharedFrame[],
				sent: 0,
				send() {
					peer.sent++;
				},
				sendShared(frame: SharedFrame) {
					peer.shared.push(frame);
				},
				close() {},
				takePresenceToken: () => true
			};
			return peer satisfies Peer;
		});
		for (const peer of peers) room.join(peer);
		const greeted = peers.map((p) => p.sent);
		room.write((doc) => doc.getMap('cards').set('c1', { text: 'Wie houdt de regie?' }));
		for (const peer of peers) expect(peer.shared).toHaveLength(1);
		expect(peers[1].shared[0]).toBe(peers[0].shared[0]);
		expect(peers[2].shared[0]).toBe(peers[0].shared[0]);
		expect(peers.map((p) => p.sent)).toEqual(greeted);
	});
});
