import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { createHintBus, type HintBus } from '../../src/lib/server/cluster/hint-bus.ts';
import type { ControlMessage, HintMessage } from '../../src/lib/server/cluster/bus-messages.ts';
import { startRedis, type RunningRedis } from '../helpers/redis-server.ts';
import { eventually } from '../helpers/eventually.ts';

// Two buses stand for two processes on one Redis.

let redis: RunningRedis;
const open: HintBus[] = [];
let channels = 0;

beforeAll(async () => {
	redis = await startRedis();
});
afterEach(async () => {
	await Promise.all(open.splice(0).map((bus) => bus.close()));
});
afterAll(async () => {
	await redis?.stop();
});

function busFor(processId: string, channel: string, owns?: (meetingId: string) => boolean) {
	const hints: HintMessage[] = [];
	const controls: ControlMessage[] = [];
	const logs: string[] = [];
	let reconnects = 0;
	const bus = createHintBus({
		url: redis.url,
		processId,
		channel,
		owns,
		onHint: (hint) => hints.push(hint),
		onControl: (control) => controls.push(control),
		onReconnect: () => reconnects++,
		log: (message) => logs.push(message)
	});
	open.push(bus);
	return { bus, hints, controls, logs, reconnects: () => reconnects };
}

async function pair() {
	const channel = `test:bus:${++channels}`;
	const a = busFor('process-a', channel);
	const b = busFor('process-b', channel);
	await Promise.all([a.bus.ready, b.bus.ready]);
	return { a, b, channel };
}

const TABLE = 'table:abcdefghij2345';
const MEETING_ROOM = 'meeting:mmmmmmmmmm2345';

describe('the hint bus between processes', () => {
	it('delivers hints and control messages to the other process, never back to the sender', async () => {
		const { a, b } = await pair();

		await a.bus.hint({ meetingId: 'mmmmmmmmmm2345', rooms: [TABLE, MEETING_ROOM] });
		await b.bus.hint({ meetingId: 'nnnnnnnnnn2345', rooms: ['table:nnnnnnnnnn2345'] });
		await eventually(() => a.hints.length > 0 && b.hints.length > 0, 1_000, 'both hints');
		expect(b.hints).toEqual([
			{ v: 1, from: 'process-a', kind: 'hint', meetingId: 'mmmmmmmmmm2345', rooms: [TABLE, MEETING_ROOM] }
		]);
		// Redis keeps one publisher's order per subscriber: A had its own hint before B's, and dropped it.
		expect(a.hints.map((hint) => hint.from)).toEqual(['process-b']);

		await b.bus.control({ reason: 'logout', disconnect: [{ sessionId: 'f00dfeed' }] });
		await a.bus.control({
			reason: 'personal-data-deleted',
			disconnect: [{ participantId: 'pppppppppp2345' }, { participantId: 'qqqqqqqqqq2345', code: 4403 }],
			resetRooms: [TABLE]
		});
		await eventually(() => a.controls.length > 0 && b.controls.length > 0, 1_000, 'both controls');
		expect(a.controls).toEqual([
			{ v: 1, from: 'process-b', kind: 'control', reason: 'logout', disconnect: [{ sessionId: 'f00dfeed' }] }
		]);
		expect(b.controls[0].disconnect).toEqual([
			{ participantId: 'pppppppppp2345' },
			{ participantId: 'qqqqqqqqqq2345', code: 4403 }
		]);
		expect(b.controls[0].resetRooms).toEqual([TABLE]);
		expect(a.bus.stats()).toMatchObject({ published: 2, publishFailures: 0, invalid: 0, received: 2, dropped: 0 });
	});

	it("hands a process only the hints for meetings it owns, and every control message", async () => {
		const channel = `test:bus:${++channels}`;
		const a = busFor('process-a', channel);
		const b = busFor('process-b', channel, (meetingId) => meetingId === 'ownedbyb2345');
		await Promise.all([a.bus.ready, b.bus.ready]);

		await a.bus.hint({ meetingId: 'elsewhere2345', rooms: [TABLE] });
		await a.bus.hint({ meetingId: 'ownedbyb2345', rooms: [TABLE] });
		await a.bus.control({ reason: 'logout', disconnect: [{ sessionId: 'f00d' }] });
		await eventually(() => b.controls.length > 0, 1_000, 'the control message');
		expect(b.hints.map((hint) => hint.meetingId)).toEqual(['ownedbyb2345']);
		expect(b.bus.stats()).toMatchObject({ received: 3, notMine: 1 });
	});

	it('drops malformed messages on the channel without crashing, and keeps delivering', async () => {
		const { a, b, channel } = await pair();
		const stranger = createClient({ url: redis.url });
		await stranger.connect();
		const junk = [
			'not json',
			'null',
			'[1,2]',
			JSON.stringify({ v: 2, from: 'x', kind: 'hint', meetingId: 'mmmmmmmmmm2345', rooms: [TABLE] }),
			JSON.stringify({ v: 1, from: 'x', kind: 'hint', meetingId: 'mmmmmmmmmm2345', rooms: ['lobby:everyone'] }),
			JSON.stringify({ v: 1, from: 'x', kind: 'hint', meetingId: 'M; drop', rooms: [TABLE] }),
			JSON.stringify({ v: 1, from: 'x', kind: 'control', reason: 'logout', disconnect: [{ userId: 42 }] }),
			JSON.stringify({ v: 1, from: 'x', kind: 'shutdown' }),
			// Valid but for its size (unknown fields are ignored, not refused: a newer version may add some).
			JSON.stringify({ v: 1, from: 'x', kind: 'hint', meetingId: 'mm2345mm2345', rooms: [TABLE], pad: 'x'.repeat(70_000) })
		];
		try {
			for (const message of junk) await stranger.publish(channel, message);
		} finally {
			stranger.destroy();
		}
		await a.bus.hint({ meetingId: 'mmmmmmmmmm2345', rooms: [TABLE] });

		await eventually(() => b.hints.length > 0, 1_000, 'the valid hint');
		expect(b.hints.map((hint) => hint.from)).toEqual(['process-a']);
		expect(b.controls).toEqual([]);
		expect(b.bus.stats()).toMatchObject({ received: 1, dropped: junk.length });
		expect(a.bus.stats().dropped).toBe(junk.length);
	});

	it('splits a long list of rooms over several hints, and sends nothing malformed', async () => {
		const { a, b } = await pair();
		// 600 distinct well-formed ids: the number in base 8, each digit written as a letter.
		const id = (i: number) => `pppppppppp${i.toString(8).replace(/[0-7]/g, (d) => 'abcdefgh'[Number(d)])}`;
		const rooms = Array.from({ length: 600 }, (_, i) => `participant:${id(i)}`);
		await a.bus.hint({ meetingId: 'mmmmmmmmmm2345', rooms });
		await eventually(() => b.hints.length === 3, 1_000, 'three hints');
		expect(new Set(rooms).size).toBe(600);
		expect(b.hints.flatMap((hint) => hint.rooms)).toEqual(rooms);

		await a.bus.hint({ meetingId: 'mmmmmmmmmm2345', rooms: ['lobby:everyone'] });
		await a.bus.control({ reason: 'Logout!', disconnect: [] });
		// Within every list bound, but larger than a receiver reads.
		const long = 'a'.repeat(128);
		const filter = { sessionId: long, userId: long, participantId: long, meetingId: long };
		await a.bus.control({ reason: 'logout', disconnect: Array.from({ length: 500 }, () => filter) });
		expect(a.bus.stats()).toMatchObject({ published: 3, invalid: 3 });
		expect(a.logs.filter((line) => line.startsWith('refused to send'))).toHaveLength(3);
	});

	it('survives a handler that throws', async () => {
		const channel = `test:bus:${++channels}`;
		const a = busFor('process-a', channel);
		let calls = 0;
		const b = createHintBus({
			url: redis.url,
			processId: 'process-b',
			channel,
			onHint: () => {
				calls++;
				throw new Error('a bug in the hub');
			},
			log: () => {}
		});
		open.push(b);
		await Promise.all([a.bus.ready, b.ready]);
		await a.bus.hint({ meetingId: 'mmmmmmmmmm2345', rooms: [TABLE] });
		await a.bus.hint({ meetingId: 'mmmmmmmmmm2345', rooms: [TABLE] });
		await eventually(() => calls === 2, 1_000, 'both hints handled');
		expect(b.stats().received).toBe(2);
	});

	it('keeps publishing harmless while Redis is down, and recovers when it restarts on the same port', async () => {
		const { a, b } = await pair();

		await redis.stopServer();
		const started = Date.now();
		for (let i = 0; i < 5; i++) {
			await expect(a.bus.hint({ meetingId: 'mmmmmmmmmm2345', rooms: [TABLE] })).resolves.toBeUndefined();
		}
		await expect(a.bus.control({ reason: 'logout', disconnect: [{ sessionId: 'f00d' }] })).resolves.toBeUndefined();
		// No wait for the outage: each publish failed at once or at its short timeout.
		expect(Date.now() - started).toBeLessThan(3_000);
		expect(a.bus.stats().publishFailures).toBe(6);
		expect(a.logs.filter((line) => line.startsWith('publisher lost'))).toHaveLength(1);

		await redis.startServer();
		await eventually(() => a.reconnects() > 0 && b.reconnects() > 0, 10_000, 'both subscriptions back');
		await eventually(
			async () => {
				await a.bus.hint({ meetingId: 'mmmmmmmmmm2345', rooms: [TABLE] });
				return b.hints.length > 0;
			},
			10_000,
			'delivery after the restart',
			100
		);
		await b.bus.control({ reason: 'account-disabled', disconnect: [{ userId: 'uuuuuuuuuu2345', code: 4403 }] });
		await eventually(() => a.controls.length > 0, 1_000, 'a control message after the restart');
		expect(a.controls[0].reason).toBe('account-disabled');
	});

	it('sends the rooms of hints that did not reach Redis again once its publisher is back', async () => {
		// The owner may re-check its rooms (its subscription came back) before the sender's publisher is back:
		// hints lost in between reach it only if the sender sends them again. Here only the publishers'
		// connections drop (the subscriptions stay), so what b receives after is what a sent again.
		const { a, b } = await pair();
		const admin = createClient({ url: redis.url });
		await admin.connect();
		try {
			await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes']);
			// Sent at once, before the publisher's first reconnect attempt (at least 50 ms away).
			await a.bus.hint({ meetingId: 'mmmmmmmmmm2345', rooms: [TABLE] });
			await a.bus.hint({ meetingId: 'mmmmmmmmmm2345', rooms: [TABLE, MEETING_ROOM] });
			expect(a.bus.stats().publishFailures).toBe(2);
			expect(b.hints).toHaveLength(0);
			await eventually(() => b.hints.length > 0, 5_000, 'the lost hints sent again');
			// Merged per meeting, rooms only (the owner re-reads them).
			expect(b.hints).toHaveLength(1);
			expect(b.hints[0]).toMatchObject({ meetingId: 'mmmmmmmmmm2345' });
			expect(b.hints[0].change).toBeUndefined();
			expect([...b.hints[0].rooms].sort()).toEqual([MEETING_ROOM, TABLE].sort());
			expect(b.reconnects()).toBe(0);
		} finally {
			await admin.quit();
		}
	});
});
