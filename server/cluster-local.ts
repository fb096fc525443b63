// `npm run cluster:local [-- --port 8080]`: the production recipe of issue #17 on this machine, without
// Docker — a throw-away PostgreSQL and Redis, two app processes on them, and HAProxy with
// deploy/haproxy.cfg in front, on http://localhost:<port>. For trying the recipe and for demos; Ctrl-C
// stops everything and deletes the data. Needs `npm run build` first and Debian's postgresql,
// redis-server and haproxy packages. The test harness's helpers start the servers (tests/helpers/).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../tests/helpers/app-server.ts';
import { startHaproxy } from '../tests/helpers/haproxy.ts';
import { startPostgres } from '../tests/helpers/postgres-server.ts';
import { startRedis } from '../tests/helpers/redis-server.ts';

const at = process.argv.indexOf('--port');
const port = at > 0 ? Number(process.argv[at + 1]) : 8080;
if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a port number, got ${process.argv[at + 1]}`);

const data = mkdtempSync(join(tmpdir(), 'denktafel-cluster-'));
const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
const apps: RunningApp[] = [];
const stop = async () => {
	for (const app of apps) await app.stop().catch(() => app.kill());
	await Promise.all([postgres.stop(), redis.stop()]);
	rmSync(data, { recursive: true, force: true });
};
try {
	// Demo mode, so there is something to log in to; both processes start at once, as in production:
	// the migrations and the demo data are made once, under PostgreSQL advisory locks.
	const env = (name: string) => ({
		REDIS_URL: redis.url,
		DENKTAFEL_NODE_NAME: name,
		DENKTAFEL_DEMO: '1',
		DENKTAFEL_VERIFY_DOCS: '0',
		// Only for demo-logins.json: the data lives in PostgreSQL.
		DATABASE_PATH: join(data, 'denktafel.db'),
		ADDRESS_HEADER: 'X-Forwarded-For',
		XFF_DEPTH: '1'
	});
	apps.push(...(await Promise.all([startApp(postgres.url, env('app-a')), startApp(postgres.url, env('app-b'))])));
	const proxy = await startHaproxy(`127.0.0.1:${apps[0].port}`, `127.0.0.1:${apps[1].port}`, port);
	const logins = JSON.parse(readFileSync(join(data, 'demo-logins.json'), 'utf8')) as Array<{ email: string; role: string; password: string }>;
	console.log(
		[
			`Denktafel on two processes: http://localhost:${port} (HAProxy, deploy/haproxy.cfg)`,
			`  app-a ${apps[0].url}, app-b ${apps[1].url}`,
			`  PostgreSQL ${postgres.url}, Redis ${redis.url}`,
			`  which process answers a meeting: curl 'http://localhost:${port}/healthz?meeting=<id>'`,
			'  demo logins:',
			...logins.map((l) => `    ${l.role.padEnd(11)} ${l.email}  password: ${l.password}`),
			'Ctrl-C stops everything and deletes the data.'
		].join('\n')
	);
	await new Promise<void>((resolve) => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	await proxy.stop();
} finally {
	await stop();
}
