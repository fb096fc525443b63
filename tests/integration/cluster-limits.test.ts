import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
	connectLimitStore,
	SharedLimit,
	sharedCommandLimit,
	sharedJoinLimit,
	type LimitStore
} from '../../src/lib/server/cluster/shared-limits.ts';
import { startRedis, type RunningRedis } from '../helpers/redis-server.ts';
import { eventually } from '../helpers/eventually.ts';

// Two stores stand for two processes, each with its own Redis connection and its own memory fallback.

let redis: RunningRedis;
const stores: LimitStore[] = [];
let names = 0;

beforeAll(async () => {
	redis = await startRedis();
});
afterEach(() => {
	for (const store of stores.splice(0)) store.destroy();
});
afterAll(async () => {
	await redis?.stop();
});

async function twoProcesses(capacity: number) {
	const name = `test-${++names}`;
	const [storeA, storeB] = [connectLimitStore(redis.url, () => {}), connectLimitStore(redis.url, () => {})];
	stores.push(storeA, storeB);
	await eventually(() => storeA.isReady && storeB.isReady, 5_000, 'both stores connected');
	const limit = (store: LimitStore) => new SharedLimit({ store, name, capacity, refillMs: 60_000, timeoutMs: 200 });
	return { a: limit(storeA), b: limit(storeB), storeA, storeB };
}

/** Consumes `key` on the limiters in turn, `times` times; the answers in order. */
async function alternate(limits: SharedLimit[], key: string, times: number): Promise<boolean[]> {
	const answers: boolean[] = [];
	for (let i = 0; i < times; i++) answers.push(await limits[i % limits.length].consume(key));
	return answers;
}

function redisPid(): number {
	const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
	const line = lines.find((l) => l.includes(`redis-server 127.0.0.1:${redis.port}`));
	if (!line) throw new Error('redis-server not found');
	return Number(line.trim().split(/\s+/)[0]);
}

describe('per-person limits shared through Redis', () => {
	it('gives a person one budget across two processes: the N+1-th consume is refused', async () => {
		const { a, b } = await twoProcesses(5);
		expect(await alternate([a, b], 'person-1', 6)).toEqual([true, true, true, true, true, false]);
		expect(await b.consume('person-1')).toBe(false);
		expect(await a.consume('person-2')).toBe(true); // budgets are per person
		expect([a.capacity, a.refillMs]).toEqual([5, 60_000]);
	});

	it('keeps the command and join presets as separate budgets, each shared', async () => {
		const { storeA, storeB } = await twoProcesses(1);
		const commands = [sharedCommandLimit(storeA, 2), sharedCommandLimit(storeB, 2)];
		const joins = [sharedJoinLimit(storeA, 3), sharedJoinLimit(storeB, 3)];
		const key = `key-${Math.random()}`;
		expect(await alternate(commands, key, 3)).toEqual([true, true, false]);
		expect(await alternate(joins, key, 4)).toEqual([true, true, true, false]);
	});

	it('answers from memory, promptly, while Redis is frozen or down, and shares again when it is back', async () => {
		const { a, b, storeA, storeB } = await twoProcesses(3);

		// Frozen: the connection is open but nothing answers; each check gives up after its timeout.
		const pid = redisPid();
		process.kill(pid, 'SIGSTOP');
		try {
			const started = Date.now();
			expect(await alternate([a], 'frozen', 4)).toEqual([true, true, true, false]);
			expect(Date.now() - started).toBeLessThan(4 * 200 + 1_000);
		} finally {
			process.kill(pid, 'SIGCONT');
		}

		await redis.stopServer();
		await eventually(() => !storeA.isReady && !storeB.isReady, 5_000, 'both stores to notice');
		const started = Date.now();
		// Each process now counts on its own: both give the full budget, then refuse.
		expect(await alternate([a], 'down', 4)).toEqual([true, true, true, false]);
		expect(await alternate([b], 'down', 4)).toEqual([true, true, true, false]);
		expect(Date.now() - started).toBeLessThan(1_000); // answered at once, not after timeouts

		await redis.startServer();
		await eventually(() => storeA.isReady && storeB.isReady, 10_000, 'both stores back');
		expect(await alternate([a, b], 'back', 4)).toEqual([true, true, true, false]);
	});
});
