import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createClient } from 'redis';
import { startPostgres, type RunningPostgres } from '../helpers/postgres-server.ts';
import { startRedis, type RunningRedis } from '../helpers/redis-server.ts';

// The harness the PostgreSQL and Redis tests stand on: real servers on random ports, restartable in place.

async function selectOne(url: string): Promise<number> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const { rows } = await client.query<{ one: number }>('select 1 as one');
		return rows[0].one;
	} finally {
		await client.end();
	}
}

describe('PostgreSQL harness', () => {
	let server: RunningPostgres;
	beforeAll(async () => {
		server = await startPostgres();
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('answers select 1, and again on the same port after a restart', async () => {
		expect(server.url).toMatch(new RegExp(`^postgres://postgres@127\\.0\\.0\\.1:${server.port}/denktafel$`));
		expect(await selectOne(server.url)).toBe(1);

		await server.stopServer();
		await expect(selectOne(server.url)).rejects.toThrow();
		await server.startServer();
		expect(await selectOne(server.url)).toBe(1);

		// A crash-like stop keeps the data: the database made before it is still there.
		const fresh = await server.createDatabase();
		await server.restart({ mode: 'immediate' });
		expect(await selectOne(fresh)).toBe(1);
	});
});

/** A client that does not retry: it fails at once when no server listens. */
async function redisClient(url: string) {
	const client = createClient({ url, socket: { reconnectStrategy: false } });
	client.on('error', () => {});
	await client.connect();
	return client;
}

describe('Redis harness', () => {
	let server: RunningRedis;
	beforeAll(async () => {
		server = await startRedis();
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('answers PING, refuses while stopped, and answers again on the same port after a restart', async () => {
		const ping = async () => {
			const client = await redisClient(server.url);
			try {
				return await client.ping();
			} finally {
				client.destroy();
			}
		};
		expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
		expect(await ping()).toBe('PONG');

		await server.stopServer({ kill: true });
		await expect(ping()).rejects.toThrow();
		// startServer() resolves only once this start listens (no retrying client needed).
		await server.startServer();
		expect(await ping()).toBe('PONG');
		await server.restart();
		expect(await ping()).toBe('PONG');
	});

	it('starts empty after a restart, unless appendonly keeps the data', async () => {
		const durable = await startRedis({ appendonly: true });
		try {
			for (const s of [server, durable]) {
				const client = await redisClient(s.url);
				await client.set('k', 'v');
				client.destroy();
				await s.restart();
			}
			const [plain, kept] = await Promise.all([redisClient(server.url), redisClient(durable.url)]);
			expect(await plain.get('k')).toBeNull();
			expect(await kept.get('k')).toBe('v');
			plain.destroy();
			kept.destroy();
		} finally {
			await durable.stop();
		}
	});
});
