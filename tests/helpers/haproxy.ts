import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from './app-server.ts';
import { guardAgainstOrphans } from './orphan-guard.ts';

// HAProxy with the recipe's own config (deploy/haproxy.cfg) in front of two app processes, for the recipe
// test, the two-process benchmark and `npm run cluster:local`. Debian's `haproxy` package (.ci/run installs it).

/** The config every caller uses as it is; only the addresses come from the environment. */
export const HAPROXY_CONFIG = fileURLToPath(new URL('../../deploy/haproxy.cfg', import.meta.url));

/** The haproxy binary, or null when it is not installed (Debian puts it in /usr/sbin, not on every PATH). */
export function haproxyBinary(): string | null {
	const found = spawnSync('haproxy', ['-v'], { stdio: 'ignore' });
	if (!found.error && found.status === 0) return 'haproxy';
	return existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : null;
}

/** The environment that points deploy/haproxy.cfg at a listening address and the two app processes. */
export function haproxyEnv(bind: string, app1: string, app2: string): Record<string, string> {
	return { DENKTAFEL_BIND: bind, DENKTAFEL_APP1: app1, DENKTAFEL_APP2: app2 };
}

/** `haproxy -c`: the config's check with these addresses; `ok` and HAProxy's own words. */
export function checkHaproxyConfig(env: Record<string, string>): { ok: boolean; output: string } {
	const bin = haproxyBinary();
	if (!bin) throw new Error('haproxy is not installed: apt-get install haproxy (.ci/run does this)');
	const run = spawnSync(bin, ['-c', '-f', HAPROXY_CONFIG], { env: { ...process.env, ...env }, encoding: 'utf8' });
	return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

export interface RunningHaproxy {
	url: string;
	port: number;
	output(): string;
	stop(): Promise<void>;
}

/** Starts HAProxy in the foreground on a free port of 127.0.0.1; resolves once it accepts connections. */
export async function startHaproxy(app1: string, app2: string, port?: number): Promise<RunningHaproxy> {
	const bin = haproxyBinary();
	if (!bin) throw new Error('haproxy is not installed: apt-get install haproxy (.ci/run does this)');
	port ??= await freePort();
	const env = { ...process.env, ...haproxyEnv(`127.0.0.1:${port}`, app1, app2) };
	// -db: stay in the foreground (no daemon), so the child is HAProxy itself and dies with a signal.
	const child: ChildProcess = spawn(bin, ['-db', '-f', HAPROXY_CONFIG], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stdout?.on('data', (d) => (log += d));
	child.stderr?.on('data', (d) => (log += d));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const release = guardAgainstOrphans(() => child.kill('SIGKILL'), `kill -9 ${child.pid} 2>/dev/null`);
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 10_000;
	for (;;) {
		if (child.exitCode !== null) {
			release();
			throw new Error(`haproxy exited:\n${log}`);
		}
		try {
			// Any answer (even a 503 while no app is up) means HAProxy listens.
			await fetch(`${url}/healthz`);
			break;
		} catch {
			if (Date.now() > deadline) {
				child.kill('SIGKILL');
				release();
				throw new Error(`haproxy did not start:\n${log}`);
			}
			await new Promise((r) => setTimeout(r, 50));
		}
	}
	return {
		url,
		port,
		output: () => log,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
			release();
		}
	};
}
