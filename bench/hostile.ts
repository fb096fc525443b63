// `npm run bench:hostile [-- --quick]`: scenario 7 alone (a hostile participant in a room of 100),
// written to bench/results/hostile.json so the full run's latest.json stays as it was.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchConfig } from './config.ts';
import { LoadPool } from './lib/load-pool.ts';
import { runHostile } from './scenarios/hostile.ts';

const quick = process.argv.includes('--quick');
const built = spawnSync(process.execPath, ['server/ensure-build.ts'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const config = benchConfig(quick).hostile;
const pool = new LoadPool();
const loadBefore = os.loadavg();
let result;
try {
	result = await runHostile(pool, config);
} finally {
	await pool.destroy();
}
const output = { date: new Date().toISOString(), quick, machine: { cores: os.cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg() }, node: process.version, config, result };
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/hostile.json', `${JSON.stringify(output, null, '\t')}\n`);
console.log('written: bench/results/hostile.json');
