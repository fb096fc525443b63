// `node bench/durability.ts [rounds]`: the vote burst of scenario 4 (1,000 voters casting 3 dots)
// with SQLite's synchronous=NORMAL and =FULL, alternating on fresh apps so both see the same host,
// written to bench/results/durability.json. FULL syncs the WAL to disk at every commit (nothing
// acknowledged is lost in a power cut); NORMAL only at checkpoints.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { LoadPool } from './lib/load-pool.ts';
import { runVotes, type VoteResult } from './scenarios/votes.ts';

const rounds = Number(process.argv[2] ?? 2);
const built = spawnSync(process.execPath, ['server/ensure-build.ts'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const pool = new LoadPool();
const runs: Record<'normal' | 'full', VoteResult[]> = { normal: [], full: [] };
const loadBefore = os.loadavg();
try {
	for (let i = 0; i < rounds; i++) {
		for (const mode of ['normal', 'full'] as const) {
			process.env.DATABASE_SYNCHRONOUS = mode;
			console.log(`synchronous=${mode}, round ${i + 1}`);
			runs[mode].push(await runVotes(pool, { voters: 1000, budget: 3, cards: 12 }));
		}
	}
} finally {
	await pool.destroy();
}
const summary = (list: VoteResult[]) => ({
	seconds: list.map((r) => r.seconds),
	medianSeconds: list.map((r) => r.seconds ?? Infinity).sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)],
	commitP95Ms: list.map((r) => r.commitMs.p95),
	lost: list.reduce((s, r) => s + r.lost, 0)
});
const result = {
	date: new Date().toISOString(),
	machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
	loadAverage: { before: loadBefore, after: os.loadavg() },
	normal: summary(runs.normal),
	full: summary(runs.full)
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/durability.json', `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
