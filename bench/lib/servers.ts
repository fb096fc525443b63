// The three servers under test: ours (the real built app, fresh temporary database), the upstream
// relay (@y/websocket-server 0.1.1: in memory, no auth, bound to 127.0.0.1, on ws@6) and the peer
// (Hocuspocus 4: persists to SQLite, checks a token, bound to 127.0.0.1; bench/hocuspocus/server.ts).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort, startApp, tempDataDir } from '../../tests/helpers/app-server.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../../tests/helpers/test-db.ts';
import { seedTokens } from '../hocuspocus/db.ts';

/** Every server a run can measure, in the order the results show them. */
export const SERVERS = ['ours', 'hocuspocus', 'reference'] as const;
export type ServerName = (typeof SERVERS)[number];

export interface ServerUnderTest {
	name: ServerName;
	pid: number;
	/** Base URL of the rooms: a room is `${wsBase}/${room}`. */
	wsBase: string;
	httpUrl: string;
	/** The server's output (for a crash report). */
	output(): string;
	alive(): boolean;
	stop(): Promise<void>;
}

type Ours = ServerUnderTest & { db: Db };

/** Server processes still running, so an interrupted run (Ctrl-C) leaves none behind. */
const running = new Set<() => void>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		for (const kill of running) kill();
		process.exit(130);
	});
}

let shared: Promise<Ours> | null = null;
/** `--quick`: one app for all scenarios (each seeds its own meeting into it), to save start-ups. */
export function shareOurs(on: boolean) {
	shared = on ? launchOurs() : null;
}

export async function stopSharedOurs() {
	if (shared) await (await shared).stop();
	shared = null;
}

async function launchOurs(): Promise<Ours> {
	const data = tempDataDir();
	// A SQLite file, or under `npm run bench:postgres` a fresh PostgreSQL database (see tempDataDir).
	const db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	// BENCH_PROFILE=<dir>: a V8 CPU profile of our server per scenario, for finding where time goes.
	const profile = process.env.BENCH_PROFILE;
	// The tests' doc check (DENKTAFEL_VERIFY_DOCS) stays off: it would be measured with the app.
	const app = await startApp(data.dbPath, { DENKTAFEL_VERIFY_DOCS: '0', ...(profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profile}` } : {}) });
	const kill = () => process.kill(app.pid, 'SIGKILL');
	running.add(kill);
	let alive = true;
	return {
		name: 'ours',
		pid: app.pid,
		wsBase: app.wsUrl,
		httpUrl: app.url,
		db,
		output: app.output,
		alive: () => alive && readAlive(app.pid),
		async stop() {
			alive = false;
			running.delete(kill);
			await app.stop();
			await closeTestDatabase(db);
			data.remove();
		}
	};
}

function readAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * Our app with a scenario's meeting in it, seeded through the domain: a fresh app on a fresh
 * database (its CPU and memory then belong to this scenario alone), or the shared one.
 */
export async function startOurs<T>(seed: (db: Db) => Promise<T> | T): Promise<Ours & { seeded: T }> {
	const app = await (shared ?? launchOurs());
	const seeded = await seed(app.db);
	return { ...app, seeded, stop: shared ? async () => {} : app.stop };
}

const relayScript = join(
	dirname(createRequire(import.meta.url).resolve('@y/websocket-server/package.json')),
	'src/server.js'
);

/** The reference relay as its own process, as it is meant to run (`npx y-websocket`). */
export function startReference(): Promise<ServerUnderTest> {
	// No YPERSISTENCE (even an empty one turns LevelDB on): documents live in memory only.
	const { YPERSISTENCE: _unused, ...env } = process.env;
	return startChild('reference', [relayScript], env);
}

/**
 * The peer, Hocuspocus, as its own process on a fresh SQLite file in a temporary folder, with one
 * token seeded per client: `rooms[i]` is the document client i may open, `tokens[i]` its token.
 */
export async function startHocuspocus(rooms: readonly string[]): Promise<ServerUnderTest & { tokens: string[] }> {
	const data = tempDataDir();
	const dbPath = join(data.dir, 'hocuspocus.db');
	const tokens = seedTokens(dbPath, rooms);
	try {
		const server = await startChild('hocuspocus', ['bench/hocuspocus/server.ts'], { ...process.env, PEER_DB: dbPath });
		return {
			...server,
			tokens,
			async stop() {
				await server.stop();
				data.remove();
			}
		};
	} catch (error) {
		data.remove();
		throw error;
	}
}

/** A server script as its own process on a free port of 127.0.0.1; resolves once it answers HTTP. */
async function startChild(name: ServerName, args: string[], env: NodeJS.ProcessEnv): Promise<ServerUnderTest> {
	const port = await freePort();
	let log = '';
	const child = spawn(process.execPath, args, {
		env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout.on('data', (d) => (log += d));
	child.stderr.on('data', (d) => (log += d));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const kill = () => child.kill('SIGKILL');
	running.add(kill);
	const httpUrl = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 10_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`${name} server exited:\n${log}`);
		try {
			if ((await fetch(httpUrl)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			kill();
			throw new Error(`${name} server did not start:\n${log}`);
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	return {
		name,
		pid: child.pid!,
		wsBase: `ws://127.0.0.1:${port}`,
		httpUrl,
		output: () => log,
		alive: () => child.exitCode === null && child.signalCode === null,
		async stop() {
			running.delete(kill);
			if (child.exitCode === null) child.kill('SIGKILL');
			await exited;
		}
	};
}
