// Scenario 5: the poll burst (bench/poll-burst.ts) and the report build (bench/report-build.ts, when
// it exists) run as child processes with their own app, and leave their figures in bench/results/.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

function runChild(script: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		let output = '';
		const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.once('exit', (code) => {
			clearTimeout(timer);
			resolve({ code, output });
		});
	});
}

/** Runs `script` if present; returns its results JSON (or why there is none). */
export async function runChildScenario(script: string, resultFile: string, quick: boolean, timeoutMs: number, quickArgs: string[] = []) {
	if (!existsSync(script)) return { ran: false, reason: `${script} does not exist yet` };
	const started = Date.now();
	const { code, output } = await runChild(script, quick ? ['--quick', ...quickArgs] : [], timeoutMs);
	const seconds = (Date.now() - started) / 1000;
	if (code !== 0) {
		console.log(`  ${script} failed (exit ${code}):\n${output.slice(-2000)}`);
		return { ran: true, ok: false, exitCode: code, seconds, output: output.slice(-2000) };
	}
	const lines = output.trim().split('\n').filter((l) => !l.startsWith('written:'));
	console.log(`  ${lines.join('\n  ')}`);
	const results = JSON.parse(readFileSync(resultFile, 'utf8')) as Record<string, unknown>;
	return { ran: true, ok: true, seconds, results };
}
