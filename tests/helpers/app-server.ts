import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../../server/node-flags.ts';
import { dropTestDatabase, newTestDatabase, TEST_DIALECT } from './test-db.ts';

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

export interface RunningApp {
	url: string;
	wsUrl: string;
	port: number;
	/** The server process itself (the benchmark reads its CPU and memory from /proc). */
	pid: number;
	dbPath: string;
	output: () => string;
	/** The server process's resident memory, from /proc (Linux). */
	rssBytes(): number;
	stop(signal?: NodeJS.Signals): Promise<number | null>;
	kill(): Promise<void>;
}

/**
 * A temporary data folder for one test file with its database: `dbPath` is the SQLite file in it, or in
 * the integration-pg project a fresh PostgreSQL database's URL (see test-db.ts). Remove both with the
 * returned function.
 */
export function tempDataDir(): { dir: string; dbPath: string; remove(): void } {
	const dir = mkdtempSync(join(tmpdir(), 'denktafel-it-'));
	const dbPath = TEST_DIALECT === 'sqlite' ? join(dir, 'denktafel.db') : newTestDatabase(dir);
	return {
		dir,
		dbPath,
		remove: () => {
			dropTestDatabase(dbPath);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** The environment that points the server at a database locator (a SQLite file or a PostgreSQL URL). */
export function databaseEnv(dbPath: string): Record<string, string> {
	return dbPath.startsWith('postgres') ? { DATABASE_URL: dbPath } : { DATABASE_PATH: dbPath, DATABASE_URL: '' };
}

/**
 * Starts the real production server (`node server/index.ts` on the built app) on a random port with
 * the given database (a SQLite file, or a PostgreSQL URL: see tempDataDir), and waits until /healthz answers.
 */
export async function startApp(dbPath: string, env: Record<string, string> = {}, port?: number): Promise<RunningApp> {
	port ??= await freePort();
	let log = '';
	const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'server/index.ts'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...databaseEnv(dbPath), DENKTAFEL_DEMO: '0', DENKTAFEL_VERIFY_DOCS: '1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d) => (log += d));
	child.stderr?.on('data', (d) => (log += d));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		wsUrl: `ws://127.0.0.1:${port}/yjs`,
		port,
		pid: child.pid!,
		dbPath,
		output: () => log,
		rssBytes: () => {
			const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
			return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
		},
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null) child.kill(signal);
			const code = await exited;
			// Every doc must have equalled SQL after every command (server/verify-docs.ts).
			if (log.includes('[verify-docs] mismatch')) throw new Error(`a room's doc differed from SQL:\n${log}`);
			return code;
		},
		async kill() {
			if (child.exitCode === null) child.kill('SIGKILL');
			await exited;
		}
	};
}
