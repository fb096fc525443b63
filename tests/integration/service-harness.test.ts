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

describe('Redis harness', () => {
	let server: RunningRedis;
	beforeAll(async () => {
		server = await startRedis();
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('answers PING, and again on the same port after a restart', async () => {
		const ping = async () => {
			const client = createClient({ url: server.url });
			client.on('error', () => {});
			await client.connect();
			try {
				return await client.ping();
			} finally {
				client.destroy();
			}
		};
		expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
		expect(await ping()).toBe('PONG');

		await server.stopServer({ kill: true });
		await server.startServer();
		expect(await ping()).toBe('PONG');
		await server.restart();
		expect(await ping()).toBe('PONG');
	});
});
