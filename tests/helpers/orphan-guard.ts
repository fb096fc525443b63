import { spawn } from 'node:child_process';

/**
 * Makes sure a server a test started (PostgreSQL, Redis) never outlives the test process.
 *
 * Two layers, because either alone leaves gaps:
 * - on a normal exit or SIGINT/SIGTERM, `onExit` runs synchronously in this process;
 * - a detached shell watches this process's pid and runs `shellCleanup` once it is gone, which also covers
 *   `kill -9` of the test runner (a daemonised postmaster or a child redis-server would otherwise stay up).
 *
 * Returns `release()`: call it after a normal stop so neither layer fires any more.
 */
export function guardAgainstOrphans(onExit: () => void, shellCleanup: string): () => void {
	const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 0.5; done; ${shellCleanup}`;
	// Detached: a signal to the test runner's process group must not take the watchdog down with it.
	const watchdog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
	watchdog.unref();

	let released = false;
	const runOnce = () => {
		if (released) return;
		released = true;
		try {
			onExit();
		} catch {
			// Exit path: the watchdog still cleans up.
		}
	};
	exitHooks.add(runOnce);
	installProcessHooks();

	return () => {
		released = true;
		exitHooks.delete(runOnce);
		try {
			// The watchdog leads its own process group: end the shell and its current `sleep` together.
			if (watchdog.pid) process.kill(-watchdog.pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
	};
}

const exitHooks = new Set<() => void>();
let hooksInstalled = false;

function installProcessHooks(): void {
	if (hooksInstalled) return;
	hooksInstalled = true;
	const runAll = () => {
		for (const hook of [...exitHooks]) hook();
	};
	process.on('exit', runAll);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		const onSignal = () => {
			runAll();
			process.off(signal, onSignal);
			// Keep the signal's default meaning (end the process) unless someone else handles it.
			if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
		};
		process.on(signal, onSignal);
	}
}
