// `npm test`: every check in order, stopping at the first failure. Each step runs through npm so it
// gets the project's Node 24 from node_modules.
import { spawnSync } from 'node:child_process';

const steps: Array<[string, string[]]> = [
	['type check (svelte-check)', ['run', 'check']],
	['unit tests', ['run', 'test:unit']],
	['production build', ['run', 'build']],
	['integration tests', ['run', 'test:integration']],
	['end-to-end tests', ['run', 'test:e2e']]
];

const started = Date.now();
for (const [name, args] of steps) {
	const t0 = Date.now();
	console.log(`\n=== ${name} ===`);
	const result = spawnSync('npm', args, { stdio: 'inherit' });
	const seconds = ((Date.now() - t0) / 1000).toFixed(1);
	if (result.status !== 0) {
		console.error(`\n✗ ${name} failed after ${seconds}s`);
		process.exit(result.status ?? 1);
	}
	console.log(`✓ ${name} (${seconds}s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
