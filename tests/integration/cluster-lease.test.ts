import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createLeases, type LeaseOptions, type MeetingLeases } from '../../src/lib/server/cluster/meeting-lease.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres-server.ts';
import { eventually } from '../helpers/eventually.ts';

// Two lease objects stand for two processes: each has its own dedicated connection, as two processes would.

let server: RunningPostgres;
let admin: pg.Client;
const open: MeetingLeases[] = [];
let counter = 0;

beforeAll(async () => {
	server = await startPostgres();
	admin = new pg.Client({ connectionString: server.url });
	admin.on('error', () => {}); // the restart test ends this connection too
	await admin.connect();
});
afterEach(async () => {
	await Promise.all(open.splice(0).map((leases) => leases.close()));
});
afterAll(async () => {
	await admin?.end().catch(() => {});
	await server?.stop();
});

function meeting(): string {
	return `meeting${++counter}${Math.random().toString(36).slice(2, 8)}`;
}

function leasesFor(name: string, extra: Partial<LeaseOptions> = {}) {
	const lost: string[][] = [];
	const leases = createLeases({ url: server.url, name, onLost: (ids) => lost.push(ids), log: () => {}, ...extra });
	open.push(leases);
	return { leases, lost };
}

async function backendOf(name: string): Promise<number> {
	const { rows } = await admin.query<{ pid: number }>(
		'select pid from pg_stat_activity where application_name = $1 order by backend_start desc limit 1',
		[`denktafel-lease ${name}`]
	);
	expect(rows).toHaveLength(1);
	return rows[0].pid; // the newest: a frozen old session may linger beside it
}

describe('meeting leases on one PostgreSQL', () => {
	it('lets one process hold a meeting at a time: B is refused until A releases', async () => {
		const a = leasesFor('a1').leases;
		const b = leasesFor('b1').leases;
		const m1 = meeting();

		expect(await a.acquire(m1)).toBe(true);
		expect(a.holds(m1)).toBe(true);
		expect(a.held()).toEqual([m1]);
		expect(await b.acquire(m1)).toBe(false);
		expect(b.holds(m1)).toBe(false);

		// Idempotent: asking again takes no second lock, so one release frees it for B.
		expect(await a.acquire(m1)).toBe(true);
		await a.release(m1);
		expect(a.holds(m1)).toBe(false);
		expect(await b.acquire(m1)).toBe(true);
		expect(await a.acquire(m1)).toBe(false);
	});

	it("leaves a command's transaction lock keyed by the meeting id free while the lease is held", async () => {
		const a = leasesFor('a7').leases;
		const m = meeting();
		expect(await a.acquire(m)).toBe(true);
		await admin.query('begin');
		try {
			const { rows } = await admin.query<{ ok: boolean }>(
				'select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as ok',
				[m]
			);
			expect(rows[0].ok).toBe(true);
		} finally {
			await admin.query('rollback');
		}
	});

	it('answers concurrent acquires of one meeting with one query, and a release during it wins', async () => {
		const a = leasesFor('a2').leases;
		const b = leasesFor('b2').leases;
		const m = meeting();

		const first = a.acquire(m);
		expect(a.acquire(m)).toBe(first);
		expect(await first).toBe(true);
		await a.release(m);
		expect(await b.acquire(m)).toBe(true); // one lock was taken, one release freed it
		await b.release(m);

		const pending = a.acquire(m);
		await a.release(m);
		expect(await pending).toBe(false);
		expect(a.holds(m)).toBe(false);
		expect(await b.acquire(m)).toBe(true);
	});

	it('loses every lease at once when its connection is killed, and B takes the meeting over', async () => {
		const { leases: a, lost } = leasesFor('a3');
		const b = leasesFor('b3').leases;
		const [m1, m2] = [meeting(), meeting()];
		expect(await a.acquire(m1)).toBe(true);
		expect(await a.acquire(m2)).toBe(true);

		await admin.query('select pg_terminate_backend($1)', [await backendOf('a3')]);
		await eventually(() => lost.length > 0, 5_000, 'onLost');
		expect(lost).toEqual([[m1, m2]]);
		expect(a.holds(m1)).toBe(false);
		expect(a.held()).toEqual([]);
		expect(await b.acquire(m1)).toBe(true);

		// A reconnects by itself and can take a free meeting again.
		await eventually(() => a.connected, 10_000, 'A reconnected');
		expect(await a.acquire(m2)).toBe(true);
		expect(await a.acquire(m1)).toBe(false);
	});

	it('counts a connection that stops answering as lost after the keep-alive, and never waits on it', async () => {
		const { leases: a, lost } = leasesFor('a4', { keepAliveMs: 100, keepAliveTimeoutMs: 300 });
		const [m1, m2, m3] = [meeting(), meeting(), meeting()];
		expect(await a.acquire(m1)).toBe(true);

		// A frozen server process: the socket stays open, nothing answers, no error ever comes.
		const frozen: number[] = [];
		const freeze = async () => {
			const backend = await backendOf('a4');
			process.kill(backend, 'SIGSTOP');
			frozen.push(backend);
		};
		try {
			await freeze();
			const asked = a.acquire(m2); // sent to the frozen session: answered when it counts as lost
			await eventually(() => lost.length > 0, 3_000, 'onLost after the keep-alive');
			expect(lost).toEqual([[m1]]);
			expect(a.holds(m1)).toBe(false);
			expect(await asked).toBe(false);

			// The old session stays frozen; the new one is watched just the same.
			await eventually(() => a.connected, 5_000, 'a new session');
			expect(await a.acquire(m3)).toBe(true);
			await freeze();
			await eventually(() => lost.length > 1, 3_000, 'onLost for the second session');
			expect(lost[1]).toEqual([m3]);
		} finally {
			for (const backend of frozen) process.kill(backend, 'SIGCONT');
		}
	});

	it('frees the lease of a process killed with SIGKILL within two seconds', async () => {
		const b = leasesFor('b5').leases;
		const m = meeting();
		const holder = fileURLToPath(new URL('../helpers/lease-holder.ts', import.meta.url));
		const child = spawn(process.execPath, [holder, server.url, m], { stdio: ['ignore', 'pipe', 'inherit'] });
		try {
			let output = '';
			child.stdout.on('data', (data) => (output += data));
			await eventually(() => output.includes('\n'), 10_000, 'the child to take the lease');
			expect(output).toBe('held true\n');
			expect(await b.acquire(m)).toBe(false);

			const killedAt = Date.now();
			child.kill('SIGKILL');
			await eventually(() => b.acquire(m), 5_000, 'the lease to be free', 50);
			expect(Date.now() - killedAt).toBeLessThan(2_000);
		} finally {
			child.kill('SIGKILL');
		}
	});

	it('loses its leases when PostgreSQL restarts, refuses while it is down, and takes them again after', async () => {
		const { leases: a, lost } = leasesFor('a6');
		const m = meeting();
		expect(await a.acquire(m)).toBe(true);

		await server.stopServer({ mode: 'fast' });
		await eventually(() => lost.length > 0, 5_000, 'onLost');
		expect(lost).toEqual([[m]]);
		expect(a.holds(m)).toBe(false);
		const asked = Date.now();
		expect(await a.acquire(m)).toBe(false);
		expect(Date.now() - asked).toBeLessThan(6_000); // refused, not hung on a dead server

		await server.startServer();
		await eventually(() => a.acquire(m), 15_000, 'A to take the lease again', 100);
		expect(a.held()).toEqual([m]);
	});
});
