// `npm run bench [-- --quick] [-- --only fanout,presence,two-process] [-- --servers hocuspocus] [-- --out dir] [-- --votes-via http] [-- --cards-via http]`:
// every scenario of issues #7 and #18, our server beside the peer (Hocuspocus) and the upstream relay
// in the same run, written to bench/results/latest.{json,md} (or to `--out`, e.g. a trial run to
// bench/results/trial.tmp, which git ignores). `--servers` picks which of ours, reference (the relay)
// and hocuspocus run; the vote burst and the child scenarios are ours only.
// The load generator runs in one worker thread per core (bench/lib/load-worker.ts).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { benchConfig } from './config.ts';
import { LoadPool } from './lib/load-pool.ts';
import type { CardDoor } from './lib/load-protocol.ts';
import { SERVERS, shareOurs, stopSharedOurs, type ServerName } from './lib/servers.ts';
import { runFanout } from './scenarios/fanout.ts';
import { runPresence } from './scenarios/presence.ts';
import { medianRun, runVotes } from './scenarios/votes.ts';
import { runIdle } from './scenarios/idle.ts';
import { runHostile } from './scenarios/hostile.ts';
import { runChildScenario } from './scenarios/children.ts';
import { assessAims } from './lib/aims.ts';
import { writeMarkdown } from './lib/report.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** A flag's value, as `--name value` or `--name=value`. */
const flag = (name: string): string | undefined => {
	const joined = args.find((a) => a.startsWith(`--${name}=`));
	if (joined) return joined.slice(name.length + 3);
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? args[at + 1] : undefined;
};
const list = (name: string) => flag(name)?.split(',').filter(Boolean);
const only = list('only') ? new Set(list('only')) : null;
const servers = (list('servers') ?? [...SERVERS]) as ServerName[];
const unknown = servers.filter((s) => !(SERVERS as readonly string[]).includes(s));
if (unknown.length) throw new Error(`unknown server(s) ${unknown.join(', ')}; choose from ${SERVERS.join(', ')}`);
const outDir = flag('out') ?? 'bench/results';
// The vote burst's door (see bench/scenarios/votes.ts): the room socket by default, or `http`.
const votesVia = flag('votes-via') ?? 'socket';
if (votesVia !== 'socket' && votesVia !== 'http') throw new Error(`--votes-via is socket or http, not ${votesVia}`);
/** A door flag's value: `socket` (the default) or `http`. */
function doorFlag(name: string): CardDoor {
	const value = flag(name) ?? 'socket';
	if (value !== 'socket' && value !== 'http') throw new Error(`--${name} is socket or http, not ${value}`);
	return value;
}
const votesHoldSockets = args.includes('--votes-hold-sockets');
// The fan-out and many-rooms scenarios' door for our cards: the author's room socket by default, or `http`.
const cardsVia = doorFlag('cards-via');
const withOurs = servers.includes('ours');
let phaseStart = Date.now();
/** Whether to run a scenario; also prints how long the previous one took. */
const wanted = (name: string) => {
	const run = !only || only.has(name);
	if (run) phaseStart = Date.now();
	return run;
};
/** Runs one scenario; a failure is recorded in the results and the run goes on. */
async function attempt<T>(what: string, run: () => Promise<T>): Promise<T | { failed: string }> {
	try {
		return await run();
	} catch (error) {
		console.error(`  ${what} failed:`, error);
		return { failed: String(error instanceof Error ? (error.stack ?? error.message) : error) };
	}
}
/** Runs a scenario on each chosen server in turn: `{ ours, reference, hocuspocus }`, as chosen. */
async function onEach<T>(run: (which: ServerName) => Promise<T>): Promise<Partial<Record<ServerName, T | { failed: string }>>> {
	const out: Partial<Record<ServerName, T | { failed: string }>> = {};
	for (const which of servers) out[which] = await attempt(which, () => run(which));
	return out;
}
const took = () => console.log(`  (${Math.round((Date.now() - phaseStart) / 100) / 10} s)`);
const config = benchConfig(quick);

// The real built app: build first when the sources are newer than the build.
if (withOurs) {
	const built = spawnSync(process.execPath, ['server/ensure-build.ts'], { stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}

const startedAt = new Date();
const pool = new LoadPool();
// A quick run shares one app between the scenarios; a full run starts a fresh one for each.
shareOurs(quick && withOurs);
const results: Record<string, unknown> = {};
const loadavg = os.loadavg();
console.log(`Benchmark (${quick ? 'quick' : 'full'}) of ${servers.join(', ')}, ${pool.threads} load threads, load average before: ${loadavg.map((l) => l.toFixed(2)).join(' ')}`);

try {
	if (wanted('fanout')) {
		console.log('1. board fan-out, one table room');
		const runs = [];
		for (const clients of config.fanout.sizes) {
			const o = { tables: 1, clientsPerTable: clients, rate: config.fanout.rate, seconds: config.fanout.seconds, fullSample: config.fanout.fullSample, via: cardsVia };
			runs.push(await onEach((which) => runFanout(pool, which, o)));
		}
		results.fanout = runs;
		results.fanoutSizes = config.fanout.sizes;
		took();
	}
	if (wanted('rooms')) {
		const o = { ...config.manyRooms, via: cardsVia };
		console.log(`2. many rooms, ${o.tables} tables × ${o.clientsPerTable} clients`);
		results.manyRooms = await onEach((which) => runFanout(pool, which, o));
		took();
	}
	if (withOurs && wanted('two-process')) {
		console.log('2b. many rooms on two processes (PostgreSQL + Redis)');
		// Its own PostgreSQL, Redis, two apps and 1,000 participants seeded through the domain: about two minutes when the cores are shared.
		results.twoProcess = await runChildScenario('bench/two-process.ts', 'bench/results/two-process.json', quick, Math.max(config.childTimeoutMs, 300_000));
		took();
	}
	if (wanted('presence')) {
		const o = config.presence;
		console.log(`3. presence storm, ${o.hz} Hz`);
		const opts = (clients: number) => ({ clients, hz: o.hz, seconds: o.seconds, senders: o.senders, observers: o.observers, graceMs: o.graceMs });
		const presence: Partial<Record<ServerName, unknown[]>> = {};
		for (const which of servers) {
			presence[which] = [];
			for (const n of o[which]) presence[which].push(await attempt(which, () => runPresence(pool, which, opts(n))));
		}
		results.presence = presence;
		took();
	}
	if (withOurs && wanted('votes')) {
		console.log('4. vote burst');
		const runs = [];
		for (let i = 0; i < config.votes.repeats; i++) runs.push(await attempt('votes', () => runVotes(pool, { ...config.votes, via: votesVia, holdSockets: votesHoldSockets })));
		results.voteRuns = runs;
		results.votes = medianRun(runs);
		took();
	}
	if (withOurs && wanted('children')) {
		console.log('5. poll burst and report build');
		results.pollBurst = await runChildScenario('bench/poll-burst.ts', 'bench/results/poll-burst.json', quick, config.childTimeoutMs, ['--participants', '100']);
		results.reportBuild = await runChildScenario('bench/report-build.ts', 'bench/results/report-build.json', quick, config.childTimeoutMs);
		took();
	}
	if (wanted('hostile')) {
		console.log(`7. a hostile participant in a room of ${config.hostile.clients}`);
		results.hostile = await attempt('hostile', () => runHostile(pool, config.hostile));
		took();
	}
	if (wanted('idle')) {
		console.log(`6. idle cost, ${config.idle.clients} connections`);
		results.idle = await onEach((which) => runIdle(pool, which, config.idle));
		took();
	}
} finally {
	await pool.destroy();
	await stopSharedOurs();
}

const cpus = os.cpus();
const output = {
	date: startedAt.toISOString(),
	durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
	quick,
	only: only ? [...only] : null,
	servers,
	machine: {
		cpuModel: cpus[0]?.model ?? 'unknown',
		cores: cpus.length,
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		os: `${os.type()} ${os.release()}`,
		loadAverageBefore: loadavg.map((l) => Math.round(l * 100) / 100),
		loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100)
	},
	node: process.version,
	loadThreads: pool.threads,
	reference: '@y/websocket-server 0.1.1 (in memory, no auth, 127.0.0.1; its socket library is ws@6, ours ws@8)',
	peer: '@hocuspocus/server 4.7.0 (SQLite through @hocuspocus/extension-database, store debounced 2 s; token checked against a table in onAuthenticate; no checks on what clients write; 127.0.0.1; its socket library is the ws@8 bundled in crossws 0.4)',
	config,
	cardsVia,
	votesVia,
	results,
	aims: assessAims(results, quick)
};
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'latest.json'), JSON.stringify(output, null, '\t') + '\n');
writeFileSync(join(outDir, 'latest.md'), writeMarkdown(output));
console.log(`written: ${join(outDir, 'latest.json')}, ${join(outDir, 'latest.md')} (${output.durationSeconds} s)`);
