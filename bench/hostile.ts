// `npm run bench:hostile [-- --quick] [-- --sync-only | --commands-only]`: scenario 7 alone (a hostile
// participant in a room of 100), written to bench/results/hostile.json (hostile-sync-only.json, …) so
// the full run's latest.json stays as it was. The two flags split the attack to see which half costs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchConfig } from './config.ts';
import { LoadPool } from './lib/load-pool.ts';
import { runHostile } from './scenarios/hostile.ts';

const quick = process.argv.includes('--quick');
const built = spawnSync(process.execPath, ['server/ensure-build.ts'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const part = process.argv.includes('--sync-only') ? 'sync-only' : process.argv.includes('--commands-only') ? 'commands-only' : null;
const config = { ...benchConfig(quick).hostile, ...(part === 'sync-only' ? { commandLoops: 0 } : part === 'commands-only' ? { sockets: 0 } : {}) };
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
const file = `bench/results/hostile${part ? `-${part}` : ''}${quick ? '-quick' : ''}.json`;
writeFileSync(file, `${JSON.stringify({ ...output, part }, null, '\t')}\n`);
console.log(`written: ${file}`);
