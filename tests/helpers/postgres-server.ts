import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migratePostgres } from '../../src/lib/server/db/postgres.ts';
import { freePort } from './app-server.ts';
import { guardAgainstOrphans } from './orphan-guard.ts';

/**
 * A throw-away PostgreSQL cluster for tests: its own temp folder, a random port on 127.0.0.1, settings for
 * speed rather than durability (fsync off). Starting one takes about a second; share one per test file and
 * give each test its own database with `createDatabase()`.
 */
export interface RunningPostgres {
	/** The `denktafel` database: created empty at start (no migrations run). */
	url: string;
	/** The `postgres` maintenance database, as superuser. */
	adminUrl: string;
	port: number;
	/** Data folder (inside the temp folder). */
	dataDir: string;
	/** Stops the server and removes every file of the cluster. */
	stop(): Promise<void>;
	/** Stops the server and starts it again on the same port with the same data. */
	restart(opts?: { mode?: StopMode }): Promise<void>;
	/** Stops the server, keeping port and data (for fault tests). `immediate` is a crash-like stop. */
	stopServer(opts?: { mode?: StopMode }): Promise<void>;
	/** Starts a stopped server again on the same port. */
	startServer(): Promise<void>;
	/**
	 * Creates a fresh database and returns its URL: migrated (a copy of a template database migrated once
	 * per cluster, which takes a few ms) unless `migrated: false` asks for an empty one.
	 */
	createDatabase(name?: string, opts?: { migrated?: boolean }): Promise<string>;
	/** The server log so far (for failure messages). */
	log(): string;
}

export type StopMode = 'smart' | 'fast' | 'immediate';

/** Where the PostgreSQL server binaries are: `pg_config --bindir`, else the newest /usr/lib/postgresql/<n>/bin. */
export function postgresBinDir(): string {
	try {
		const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		if (existsSync(join(dir, 'initdb'))) return dir;
	} catch {
		// No pg_config on PATH (it comes with libpq-dev or postgresql-common): look in Debian's layout.
	}
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0) {
		throw new Error('PostgreSQL is not installed (no initdb): apt-get install postgresql (.ci/run does this)');
	}
	return join(root, versions[0], 'bin');
}

/**
 * initdb and postgres refuse to run as root. As root we run them as the `postgres` OS user (which Debian's
 * package creates) and give that user the temp folder; as anyone else we run them directly.
 */
function serverUser(): { uid: number; gid: number } | null {
	if (userInfo().uid !== 0) return null;
	const line = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error('running as root but there is no `postgres` OS user to run PostgreSQL as');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

let counter = 0;
/** The database every migrated `createDatabase()` copies. */
export const TEMPLATE = 'denktafel_template';

export async function startPostgres(): Promise<RunningPostgres> {
	const bin = postgresBinDir();
	const user = serverUser();
	const dir = mkdtempSync(join(tmpdir(), 'denktafel-pg-'));
	const dataDir = join(dir, 'data');
	const socketDir = join(dir, 'sock');
	const logFile = join(dir, 'server.log');
	mkdirSync(socketDir);
	if (user) {
		chownSync(dir, user.uid, user.gid);
		chownSync(socketDir, user.uid, user.gid);
	}

	// Runs a server binary as the right user; resolves with its output, rejects with it on failure.
	const run = (cmd: string, args: string[]) =>
		new Promise<string>((resolve, reject) => {
			const child = spawn(join(bin, cmd), args, {
				cwd: dir,
				stdio: ['ignore', 'pipe', 'pipe'],
				env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', HOME: dir },
				...(user ?? {})
			});
			let out = '';
			child.stdout.on('data', (d) => (out += d));
			child.stderr.on('data', (d) => (out += d));
			child.once('error', reject);
			child.once('exit', (code) =>
				code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${out}`))
			);
		});

	const pidOf = () => {
		try {
			return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || 0;
		} catch {
			return 0;
		}
	};

	/** SIGQUIT is PostgreSQL's immediate shutdown; a postmaster already gone is fine. */
	const quit = () => {
		const pid = pidOf();
		try {
			if (pid) process.kill(pid, 'SIGQUIT');
		} catch {
			// Already gone.
		}
	};

	let guardRelease: (() => void) | null = null;
	let port = 0;
	try {
		await run('initdb', [
			'-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'
		]);

		// Stop the postmaster if this process dies without stop().
		guardRelease = guardAgainstOrphans(
			quit,
			`p=$(head -n1 '${dataDir}/postmaster.pid' 2>/dev/null); ` +
				`if [ -n "$p" ]; then kill -QUIT "$p" 2>/dev/null; i=0; while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; fi; ` +
				`rm -rf '${dir}'`
		);

		const serverLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
		const startServer = async () => {
			try {
				await run('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '30', 'start']);
			} catch (err) {
				throw new Error(`${(err as Error).message}\nserver log:\n${serverLog().slice(-2000)}`);
			}
		};

		// A free port can be taken between asking and binding: try a few.
		for (let attempt = 0; ; attempt++) {
			port = await freePort();
			appendFileSync(
				join(dataDir, 'postgresql.conf'),
				[
					'',
					`port = ${port}`,
					`listen_addresses = '127.0.0.1'`,
					`unix_socket_directories = '${socketDir}'`,
					// Tests want speed, not crash safety of a folder that is deleted afterwards.
					'fsync = off',
					'synchronous_commit = off',
					'full_page_writes = off',
					'max_connections = 200',
					'shared_buffers = 32MB',
					'log_min_messages = warning',
					''
				].join('\n')
			);
			try {
				await startServer();
				break;
			} catch (err) {
				if (attempt >= 2) throw err;
			}
		}

		const base = `postgres://postgres@127.0.0.1:${port}`;
		const adminUrl = `${base}/postgres`;
		const admin = async (sql: string) => {
			const client = new pg.Client({ connectionString: adminUrl });
			await client.connect();
			try {
				await client.query(sql);
			} finally {
				await client.end();
			}
		};
		await admin('CREATE DATABASE denktafel');
		let template: Promise<void> | null = null;

		const stopServer = async (opts: { mode?: StopMode } = {}) => {
			await run('pg_ctl', ['-D', dataDir, '-w', '-t', '30', '-m', opts.mode ?? 'fast', 'stop']);
		};

		return {
			url: `${base}/denktafel`,
			adminUrl,
			port,
			dataDir,
			async stop() {
				try {
					if (pidOf()) await stopServer({ mode: 'immediate' });
				} catch {
					// pg_ctl could not stop it (a stale pid file, a server killed from outside): make sure.
					quit();
				} finally {
					guardRelease?.();
					rmSync(dir, { recursive: true, force: true });
				}
			},
			async restart(opts) {
				await stopServer(opts);
				await startServer();
			},
			stopServer,
			startServer,
			async createDatabase(name, opts = {}) {
				name ??= `t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
				if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`createDatabase: unsafe name ${name}`);
				if (opts.migrated === false) {
					await admin(`CREATE DATABASE ${name} TEMPLATE template0`);
				} else {
					template ??= (async () => {
						await admin(`CREATE DATABASE ${TEMPLATE}`);
						// migratePostgres closes its own connection: CREATE DATABASE … TEMPLATE needs none open.
						await migratePostgres(`${base}/${TEMPLATE}`);
					})();
					await template;
					await admin(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
				}
				return `${base}/${name}`;
			},
			log: serverLog
		};
	} catch (err) {
		quit();
		guardRelease?.();
		rmSync(dir, { recursive: true, force: true });
		throw err;
	}
}
