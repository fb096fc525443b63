// Scenario 2b: the many-rooms load (cards at a steady rate in many table rooms) on two app processes
// sharing one PostgreSQL and one Redis, as deploy/haproxy.cfg runs them. The tables belong to several
// meetings, and all of a meeting's sockets and commands go to one process, as the proxy's hash on the
// meeting id sends them: here straight to the process (meetings dealt out alternately, an even split),
// so the figures are the app's and not HAProxy's. Sockets still carry `?meeting=` and commands the
// X-Denktafel-Meeting header, as the browser sends them. Same measure as scenario 2 (fanout.ts): the
// time from the command until every client of the room has the card; CPU and RSS of each process.
import http from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import os from 'node:os';
import { benchConfig } from '../config.ts';
import { LoadPool } from '../lib/load-pool.ts';
import { changeLatencies, pacedChanges } from '../lib/paced-changes.ts';
import type { ConnSpec } from '../lib/load-protocol.ts';
import { personHeaders } from '../lib/http.ts';
import { usageMeter } from '../lib/proc-usage.ts';
import { treeCpuSeconds } from '../lib/tree-cpu.ts';
import { seedMeeting, type SeededMeeting } from '../lib/seed.ts';
import { latency, now, round, sleep, until } from '../lib/stats.ts';
import { startApp, type RunningApp } from '../../tests/helpers/app-server.ts';
import { startPostgres } from '../../tests/helpers/postgres-server.ts';
import { startRedis } from '../../tests/helpers/redis-server.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../../tests/helpers/test-db.ts';

export type Database = 'postgres' | 'sqlite';

/**
 * Where a run writes its figures: two processes on PostgreSQL (the benchmark's), or a comparison run
 * (`--processes 1`, `--sqlite`) on the same meetings under the same conditions.
 */
export const resultFile = (processes: number, database: Database) =>
	processes === 2 && database === 'postgres' ? 'bench/results/two-process.json' : `bench/results/${database === 'postgres' ? 'pg' : 'sqlite'}-${processes}-process.json`;
const WARMUP = 10;

/** The many-rooms sizes of `npm run bench`, cut into meetings (one meeting lives on one process). */
export function twoProcessOptions(quick: boolean) {
	const { tables, clientsPerTable, rate, seconds, fullSample } = benchConfig(quick).manyRooms;
	const meetings = quick ? 5 : 10;
	if (tables % meetings !== 0) throw new Error(`${tables} tables do not split into ${meetings} meetings`);
	return { meetings, tablesPerMeeting: tables / meetings, clientsPerTable, rate, seconds, fullSample };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** A card command as the browser sends it to its meeting's process (header included); resolves to the status. */
function postCard(app: RunningApp, tableId: string, meetingId: string, token: string, text: string): Promise<number> {
	const body = JSON.stringify({ commandId: crypto.randomUUID(), text });
	return new Promise((resolve, reject) => {
		const req = http.request(
			`${app.url}/api/tables/${tableId}/cards`,
			{
				method: 'POST',
				agent,
				headers: {
					'content-type': 'application/json',
					'content-length': String(Buffer.byteLength(body)),
					'x-denktafel-meeting': meetingId,
					...personHeaders(app.url, token)
				}
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

interface Room {
	/** What the load generator connects to and watches: `table:<id>?meeting=<id>`. */
	name: string;
	tableId: string;
	meetingId: string;
	app: RunningApp;
	tokens: string[];
}

export async function runTwoProcess(quick: boolean, processes = 2, database: Database = 'postgres') {
	const o = twoProcessOptions(quick);
	if (database === 'sqlite' && processes !== 1) throw new Error('SQLite is one process: --sqlite needs --processes 1');
	const cardText = (marker: string) => `Hoe borgen we de kwaliteit van het opleiden in de regio? ${marker}`;
	const loadavg = os.loadavg();
	const sqlite = database === 'sqlite' ? mkdtempSync(join(tmpdir(), 'denktafel-bench-')) : null;
	const [postgres, redis] = sqlite ? [null, null] : await Promise.all([startPostgres(), startRedis()]);
	const apps: RunningApp[] = [];
	const pool = new LoadPool();
	try {
		const url = postgres ? await postgres.createDatabase() : join(sqlite!, 'bench.db');
		const db = openTestDatabase(url);
		migrateTestDatabase(db); // SQLite's file; a PostgreSQL database is a copy of the migrated template
		const seeded: SeededMeeting[] = [];
		for (let m = 0; m < o.meetings; m++) {
			seeded.push(await seedMeeting(db, { title: `Bench twee processen ${m + 1}`, tables: o.tablesPerMeeting, people: o.tablesPerMeeting * o.clientsPerTable }));
		}
		await closeTestDatabase(db);
		// The tests' doc check (DENKTAFEL_VERIFY_DOCS) stays off: it would be measured with the app.
		const env = (name: string) => ({ ...(redis ? { REDIS_URL: redis.url } : {}), DENKTAFEL_NODE_NAME: name, DENKTAFEL_VERIFY_DOCS: '0' });
		const names = ['app-a', 'app-b'].slice(0, processes);
		apps.push(...(await Promise.all(names.map((name) => startApp(url, env(name))))));
		const postmaster = postgres ? Number(readFileSync(join(postgres.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) : 0;

		const rooms: Room[] = seeded.flatMap((meeting, m) =>
			meeting.tableIds.map((tableId) => ({
				name: `table:${tableId}?meeting=${meeting.meetingId}`,
				tableId,
				meetingId: meeting.meetingId,
				app: apps[m % apps.length],
				tokens: meeting.people.filter((p) => p.tableId === tableId).map((p) => p.token)
			}))
		);
		const conns: ConnSpec[] = rooms.flatMap((room) =>
			room.tokens.map((token) => ({ wire: 'y-websocket' as const, base: room.app.wsUrl, room: room.name, headers: personHeaders(room.app.url, token), token, full: false }))
		);
		const step = Math.max(1, Math.floor(conns.length / o.fullSample));
		for (let i = 0; i < conns.length && i / step < o.fullSample; i += step) conns[i].full = true;
		const failed = await pool.open(conns);

		const refused: Record<string, number> = {};
		// How long each measured command took to be answered (committed), to tell the command's time from the fan-out's.
		const answeredMs: number[] = [];
		const act = (r: number, i: number, marker: string) => {
			const room = rooms[r];
			const author = room.tokens[Math.abs(Math.floor(i / rooms.length)) % room.tokens.length];
			const sent = now();
			postCard(room.app, room.tableId, room.meetingId, author, cardText(marker)).then(
				(status) => {
					if (status !== 201 && status !== 200) refused[status] = (refused[status] ?? 0) + 1;
					else if (i >= 0) answeredMs.push(now() - sent);
				},
				() => {} // still in flight when the run ends: it counts as not reaching everyone
			);
		};
		for (let i = 0; i < WARMUP; i++) {
			act(i % rooms.length, -1 - i, `warmup${i}x${crypto.randomUUID().slice(0, 8)}`);
			await sleep(50);
		}
		await sleep(1000);
		const meters = apps.map((app) => usageMeter(app.pid));
		const pgCpuStart = postmaster ? treeCpuSeconds(postmaster) : 0;
		const measuredFrom = Date.now();
		await pool.stats(); // resets the frame counters
		const total = Math.round(o.rate * o.seconds);
		const sentAt = await pacedChanges(pool, {
			prefix: 'tp',
			total,
			rate: o.rate,
			roomOf: (i) => rooms[i % rooms.length].name,
			act: (i, marker) => act(i % rooms.length, i, marker)
		});
		const usage = meters.map((m) => m.stop());
		const pgCpuPercent = postmaster ? (100 * (treeCpuSeconds(postmaster) - pgCpuStart)) / ((Date.now() - measuredFrom) / 1000) : NaN;
		await pool.flush();
		const traffic = await pool.stats();
		const { everyone, sample } = changeLatencies(pool, sentAt);
		const clients = conns.length - failed;
		const deliveries = everyone.length * (clients / rooms.length);
		const cpuSeconds = usage.reduce((sum, u) => sum + u.cpuSeconds, 0);
		const result = {
			processes: apps.length,
			database,
			meetings: o.meetings,
			tables: rooms.length,
			clients,
			failedToConnect: failed,
			changes: total,
			reachedEveryone: everyone.length,
			incomplete: total - everyone.length,
			refused,
			everyoneMs: latency(everyone),
			/** From sending the command to its answer (the commit), before any fan-out. */
			commandMs: latency(answeredMs),
			fullClientMs: latency(sample),
			bytesPerFrame: round(traffic.bytes / Math.max(1, traffic.frames), 0),
			generatorLagP99Ms: round(traffic.generatorLagP99Ms),
			perProcess: apps.map((app, i) => ({
				meetings: seeded.filter((_, m) => m % apps.length === i).length,
				cpuPercent: round(usage[i].cpuPercent),
				rssStartMb: round(usage[i].rssStartMb),
				rssPeakMb: round(usage[i].rssPeakMb),
				alive: isAlive(app.pid)
			})),
			cpuSeconds: round(cpuSeconds, 2),
			cpuPercent: round(usage.reduce((sum, u) => sum + u.cpuPercent, 0)),
			rssPeakMb: round(usage.reduce((sum, u) => sum + u.rssPeakMb, 0)),
			/** PostgreSQL's own CPU (postmaster and backends) over the same span, of one core. */
			postgresCpuPercent: round(pgCpuPercent),
			deliveries,
			cpuSecondsPer1000Deliveries: round(deliveries ? cpuSeconds / (deliveries / 1000) : NaN, 4)
		};
		console.log(
			`${processes === 2 ? 'two processes' : `${processes} process(es)`} on ${database}, ${o.meetings} meetings × ${o.tablesPerMeeting} tables × ${o.clientsPerTable} clients: everyone p50 ${result.everyoneMs.p50} p95 ${result.everyoneMs.p95} p99 ${result.everyoneMs.p99} ms (command answered p50 ${result.commandMs.p50} p99 ${result.commandMs.p99} ms); ` +
				`incomplete ${result.incomplete}/${total}; CPU ${result.perProcess.map((p) => `${p.cpuPercent}%`).join(' + ')}; RSS ${result.perProcess.map((p) => `${p.rssPeakMb} MB`).join(' + ')}; PostgreSQL CPU ${result.postgresCpuPercent}%`
		);
		const out = {
			date: new Date().toISOString(),
			quick,
			node: process.version,
			machine: { cores: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', loadAverageBefore: loadavg.map((l) => round(l, 2)), loadAverageAfter: os.loadavg().map((l) => round(l, 2)) },
			setup: sqlite
				? 'one app process (the built server) on one SQLite file, the same meetings and load, clients connected straight to it'
				: `${processes} app process(es) (the built server), one PostgreSQL 15 and one Redis on this machine; each meeting on one process (as the proxy hash sends it), clients connected straight to it`,
			options: o,
			result
		};
		mkdirSync('bench/results', { recursive: true });
		writeFileSync(resultFile(processes, database), JSON.stringify(out, null, '\t') + '\n');
		console.log(`written: ${resultFile(processes, database)}`);
		return out;
	} finally {
		await pool.closeClients().catch(() => {});
		await pool.destroy();
		for (const app of apps) await app.stop().catch(() => app.kill());
		await Promise.all([postgres?.stop(), redis?.stop()]);
		if (sqlite) rmSync(sqlite, { recursive: true, force: true });
		agent.destroy();
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

export type TwoProcessRun = Awaited<ReturnType<typeof runTwoProcess>>;
