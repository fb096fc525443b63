import { afterEach, describe, expect, it } from 'vitest';
import type { HubLimits } from '../../server/hub/index.ts';
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
async function start(limits: Partial<HubLimits> = {}) {
	h = await startHub({ limits });
	return h;
}
afterEach(async () => {
	await h.stop();
});

describe('abusive or broken clients', () => {
	it('closes only the connection that sent a malformed frame, with 1002', async () => {
		await start();
		const bystander = openProvider(h, 'bob');
		await synced(bystander.provider);
		const broken = openRaw(h);
		await broken.opened;
		// An awareness message claiming five entries and holding none.
		broken.socket.send(new Uint8Array([1, 2, 5, 1]));
		expect(await broken.closed).toEqual({ code: 1002 });
		await sleep(20);
		expect(bystander.provider.wsconnected).toBe(true);
		expect(h.hub.stats()).toEqual({ rooms: 1, connections: 1 });
	});

	it('closes a text frame with 1002', async () => {
		await start();
		const client = openRaw(h);
		await client.opened;
		client.socket.send('hello');
		expect(await client.closed).toEqual({ code: 1002 });
	});

	it('closes only the connection that sent an oversized frame, with 1009', async () => {
		await start({ maxPayloadBytes: 1024 });
		const bystander = openRaw(h, { person: 'bob' });
		const big = openRaw(h);
		await Promise.all([bystander.opened, big.opened]);
		big.socket.send(new Uint8Array(4096));
		expect(await big.closed).toEqual({ code: 1009 });
		expect(bystander.socket.readyState).toBe(bystander.socket.OPEN);
	});

	it('closes a flooding connection with the transient code 1013', async () => {
		await start({ messageBurst: 10, messageRefillMs: 10_000 });
		const client = openRaw(h);
		await client.opened;
		for (let i = 0; i < 20; i++) client.socket.send(new Uint8Array([3]));
		expect(await client.closed).toEqual({ code: 1013 });
	});

	it('drops a consumer whose unsent backlog passes the bound, with 1013', async () => {
		await start({ maxBufferedBytes: 4 });
		const client = openRaw(h);
		expect(await client.closed).toEqual({ code: 1013 });
	});

	it('never lets a client write the room doc, through the stock provider either', async () => {
		await start();
		const alice = openProvider(h, 'alice');
		const bob = openProvider(h, 'bob');
		await Promise.all([synced(alice.provider), synced(bob.provider)]);
		alice.doc.getMap('cards').set('forged', { text: 'not through a command' });
		await sleep(50);
		alice.provider.disconnect();
		alice.provider.connect();
		await until(() => alice.provider.synced);
		expect(bob.doc.getMap('cards').size).toBe(0);
		expect(h.persistence.rows.size).toBe(0);
	});
});
