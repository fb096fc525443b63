// `npm run bench:postgres [-- <bench/run.ts arguments>]`: the benchmark's own scenarios with our server on
// PostgreSQL instead of the SQLite file, for the figures beside the SQLite ones (issues #17, #18). It starts
// a throw-away PostgreSQL 15 (the test harness's, on a random port) with `synchronous_commit = on`, as a
// production server runs (the harness turns it off for speed), points the bench's databases at it (a process
// picks its tables once, from DATABASE_URL, so bench/run.ts runs as a child) and writes to
// bench/results/postgres unless `--out` says otherwise. Default: `--only fanout,votes --servers ours`.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { startPostgres, TEMPLATE } from '../tests/helpers/postgres-server.ts';

const args = process.argv.slice(2);
const runArgs = args.length > 0 ? args : ['--only', 'fanout,votes', '--servers', 'ours'];
if (!runArgs.includes('--out')) runArgs.push('--out', 'bench/results/postgres');

const server = await startPostgres();
let code = 1;
try {
	const admin = new pg.Client({ connectionString: server.adminUrl });
	await admin.connect();
	await admin.query('ALTER SYSTEM SET synchronous_commit = on');
	await admin.query('SELECT pg_reload_conf()');
	await admin.end();
	const first = await server.createDatabase('denktafel_bench');
	code = await new Promise<number>((resolve) => {
		const child = spawn(process.execPath, ['bench/run.ts', ...runArgs], {
			stdio: 'inherit',
			env: { ...process.env, DATABASE_URL: first, DENKTAFEL_TEST_PG: JSON.stringify({ port: server.port, template: TEMPLATE }) }
		});
		child.once('exit', (c) => resolve(c ?? 1));
	});
} finally {
	await server.stop();
}
process.exit(code);
