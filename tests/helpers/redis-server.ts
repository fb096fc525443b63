import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './app-server.ts';
import { guardAgainstOrphans } from './orphan-guard.ts';

/**
 * A throw-away redis-server for tests: a child process on a random port of 127.0.0.1 with its own temp folder.
 * Nothing is saved unless `appendonly` is asked for, so a restart starts empty by default, as a fresh
 * managed Redis after a failover might.
 */
export interface RunningRedis {
	url: string;
	port: number;
	/** Stops the server and removes its folder. */
	stop(): Promise<void>;
	/** Stops and starts again on the same port (and folder: with appendonly the data survives). */
	restart(opts?: { kill?: boolean }): Promise<void>;
	/** Stops the server, keeping the port for `startServer()`. `kill` is SIGKILL (a crash), else SIGTERM. */
	stopServer(opts?: { kill?: boolean }): Promise<void>;
	startServer(): Promise<void>;
	/** The server's output so far (for failure messages). */
	log(): string;
}

export async function startRedis(opts: { appendonly?: boolean } = {}): Promise<RunningRedis> {
	const dir = mkdtempSync(join(tmpdir(), 'denktafel-redis-'));
	const pidFile = join(dir, 'redis.pid');
	let output = '';
	let child: ChildProcess | null = null;
	let port = 0;

	const release = guardAgainstOrphans(
		() => child?.kill('SIGKILL'),
		`p=$(cat '${pidFile}' 2>/dev/null); [ -n "$p" ] && kill -9 "$p" 2>/dev/null; rm -rf '${dir}'`
	);

	const startServer = () =>
		new Promise<void>((resolve, reject) => {
			const args = [
				'--port', String(port),
				'--bind', '127.0.0.1',
				'--dir', dir,
				'--pidfile', pidFile,
				'--daemonize', 'no',
				'--save', '',
				'--appendonly', opts.appendonly ? 'yes' : 'no',
				'--protected-mode', 'no',
				'--loglevel', 'notice'
			];
			const proc = spawn('redis-server', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
			child = proc;
			let settled = false;
			const onData = (d: Buffer) => {
				output += d;
				// Redis logs this line (at notice level) once it listens.
				if (!settled && output.includes('Ready to accept connections')) {
					settled = true;
					resolve();
				}
			};
			proc.stdout?.on('data', onData);
			proc.stderr?.on('data', onData);
			proc.once('error', (err) => {
				if (!settled) {
					settled = true;
					reject(err);
				}
			});
			proc.once('exit', (code) => {
				if (!settled) {
					settled = true;
					reject(new Error(`redis-server exited with ${code}:\n${output}`));
				}
			});
		});

	const stopServer = async (stopOpts: { kill?: boolean } = {}) => {
		const proc = child;
		if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
		proc.kill(stopOpts.kill ? 'SIGKILL' : 'SIGTERM');
		await exited;
		child = null;
	};

	try {
		// A free port can be taken between asking and binding: try a few.
		for (let attempt = 0; ; attempt++) {
			port = await freePort();
			try {
				await startServer();
				break;
			} catch (err) {
				if (attempt >= 2) throw err;
			}
		}
	} catch (err) {
		release();
		// (TypeScript cannot see that startServer() assigned it.)
		(child as ChildProcess | null)?.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
		throw err;
	}

	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		async stop() {
			try {
				await stopServer({ kill: true });
			} finally {
				release();
				rmSync(dir, { recursive: true, force: true });
			}
		},
		async restart(restartOpts) {
			await stopServer(restartOpts);
			await startServer();
		},
		stopServer,
		startServer,
		log: () => output
	};
}
