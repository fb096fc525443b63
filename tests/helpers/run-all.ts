// `npm test`: every check, overlapped where they are independent, so the suite fits in about ten
// minutes on a 2-core CI machine. Each step runs through npm so it gets the project's Node 24.
//
// Order and why:
//   1. generate  paraglide messages + SvelteKit types. Alone, because `paraglide-js compile` empties
//                src/lib/paraglide before writing it again, which a test importing messages must not see.
//   2. build     the production build (its paraglide plugin rewrites the same files; still alone).
//   3. two lanes at once, nothing left that writes shared files:
//        e2e lane:   end-to-end tests (the longest step, so it starts as soon as the build exists) → unit tests
//        other lane: svelte-check → integration tests → the same on PostgreSQL
//      Integration and e2e use separate servers, random/own ports and their own temp databases.
// Every line of a lane is prefixed with its step name; the summary at the end lists each step.
// Exit code: non-zero when any step failed; a lane stops at its first failure (later steps are
// reported as skipped), the other lane runs to its end so all failures show at once.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

interface Step {
	name: string;
	tag: string;
	args: string[];
}

type Outcome = { name: string; status: 'passed' | 'failed' | 'skipped'; seconds: number };

const outcomes: Outcome[] = [];
const started = Date.now();
const clock = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s`;

function runStep(step: Step): Promise<boolean> {
	const t0 = Date.now();
	console.log(`${clock()} [${step.tag}] ▶ ${step.name}`);
	return new Promise((resolve) => {
		const child = spawn('npm', step.args, { stdio: ['ignore', 'pipe', 'pipe'] });
		for (const stream of [child.stdout, child.stderr]) {
			createInterface({ input: stream }).on('line', (line) => console.log(`[${step.tag}] ${line}`));
		}
		child.on('close', (code) => {
			const seconds = (Date.now() - t0) / 1000;
			const ok = code === 0;
			outcomes.push({ name: step.name, status: ok ? 'passed' : 'failed', seconds });
			console.log(`${clock()} [${step.tag}] ${ok ? '✓' : '✗'} ${step.name} (${seconds.toFixed(1)}s)`);
			resolve(ok);
		});
	});
}

/** Runs steps one after another; stops at the first failure and marks the rest skipped. */
async function lane(steps: Step[]): Promise<boolean> {
	for (const [i, step] of steps.entries()) {
		if (!(await runStep(step))) {
			for (const rest of steps.slice(i + 1)) outcomes.push({ name: rest.name, status: 'skipped', seconds: 0 });
			return false;
		}
	}
	return true;
}

const generate: Step = { name: 'generate messages and types', tag: 'gen', args: ['run', 'generate'] };
const build: Step = { name: 'production build', tag: 'build', args: ['run', 'build'] };
const e2e: Step = { name: 'end-to-end tests', tag: 'e2e', args: ['run', 'test:e2e'] };
const unit: Step = { name: 'unit tests', tag: 'unit', args: ['run', 'test:unit'] };
const others: Step[] = [
	{ name: 'type check (svelte-check)', tag: 'check', args: ['run', 'check:only'] },
	{ name: 'integration tests', tag: 'integration', args: ['run', 'test:integration'] },
	// The same integration files on PostgreSQL (one throw-away cluster for the run): after the SQLite run,
	// not beside it, as two cores already carry the e2e lane.
	{ name: 'integration tests (PostgreSQL)', tag: 'integration-pg', args: ['run', 'test:integration:pg'] }
];

let ok = await lane([generate, build]);
if (ok) {
	// The unit tests follow the e2e tests: with the PostgreSQL run the other lane is the longer one.
	const results = await Promise.all([lane([e2e, unit]), lane(others)]);
	ok = results.every(Boolean);
} else {
	for (const step of [e2e, unit, ...others]) outcomes.push({ name: step.name, status: 'skipped', seconds: 0 });
}

console.log('\nSummary:');
for (const o of outcomes) {
	const mark = o.status === 'passed' ? '✓' : o.status === 'failed' ? '✗' : '–';
	console.log(`  ${mark} ${o.name.padEnd(32)} ${o.status === 'skipped' ? 'skipped' : `${o.seconds.toFixed(1)}s`}`);
}
const total = ((Date.now() - started) / 1000).toFixed(0);
const failed = outcomes.filter((o) => o.status === 'failed').map((o) => o.name);
if (failed.length) {
	console.error(`\n✗ Failed: ${failed.join(', ')} (after ${total}s).`);
	process.exit(1);
}
console.log(`\nAll checks passed in ${total}s.`);
