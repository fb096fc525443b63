import type { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	FORBIDDEN_ROOM,
	ROOM,
	openProvider,
	openRaw,
	startHub,
	synced,
	type Harness
} from '../helpers/hub-harness.ts';

let h: Harness;
beforeEach(async () => {
	h = await startHub();
});
afterEach(async () => {
	await h.stop();
});

describe('WebSocket upgrade', () => {
	it('returns false for an upgrade outside /yjs/ and leaves its socket untouched', () => {
		const socket = new Duplex({
			read() {},
			write(_c, _e, cb) {
				cb();
			}
		});
		const req = {
			url: '/@vite/hmr',
			headers: { host: 'x', origin: 'http://x' }
		} as IncomingMessage;
		expect(h.hub.handleUpgrade(req, socket, Buffer.alloc(0))).toBe(false);
		expect(socket.destroyed).toBe(false);
		expect(
			h.hub.handleUpgrade({ ...req, url: '/yjsroom' } as IncomingMessage, socket, Buffer.alloc(0))
		).toBe(false);
	});

	it('accepts, sends nothing and closes with 4401 when there is no session', async () => {
		const client = openRaw(h, { person: null });
		expect(await client.closed).toEqual({ code: 4401 });
		expect(client.frames).toEqual([]);
	});

	it('closes with 4403 and sends nothing when the Origin is foreign or missing', async () => {
		const foreign = openRaw(h, { origin: 'http://evil.example' });
		const missing = openRaw(h, { origin: null });
		expect(await foreign.closed).toEqual({ code: 4403 });
		expect(await missing.closed).toEqual({ code: 4403 });
		expect([...foreign.frames, ...missing.frames]).toEqual([]);
	});

	it('closes with 4403 for room names that do not parse', async () => {
		const paths = ['/yjs/nonsense', '/yjs/table:UPPER_CASE', '/yjs/%zz', '/yjs/vault:aaaaaaaaaa'];
		const clients = paths.map((path) => openRaw(h, { path }));
		for (const client of clients) expect(await client.closed).toEqual({ code: 4403 });
		expect(clients.flatMap((c) => c.frames)).toEqual([]);
	});

	it('closes with 4403 and sends nothing for a room this person may not open', async () => {
		const client = openRaw(h, { path: `/yjs/${FORBIDDEN_ROOM}` });
		expect(await client.closed).toEqual({ code: 4403 });
		expect(client.frames).toEqual([]);
		expect(h.hub.stats()).toEqual({ rooms: 0, connections: 0 });
	});

	it('makes the stock client stop reconnecting after a refusal', async () => {
		const { provider } = openProvider(h, 'alice', FORBIDDEN_ROOM);
		const closed = await new Promise<{ code: number }>((resolve) =>
			provider.once('closed', resolve)
		);
		expect(closed.code).toBe(4403);
		expect(provider.shouldConnect).toBe(false);
	});

	it('lets a signed-in client with the right Origin sync the room', async () => {
		const { provider } = openProvider(h, 'alice', ROOM);
		await synced(provider);
		expect(provider.synced).toBe(true);
		expect(h.hub.stats()).toEqual({ rooms: 1, connections: 1 });
	});
});
