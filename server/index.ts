// Production entry: one process, one port. Serves the SvelteKit handler and the realtime hub's
// WebSocket upgrades side by side, and shuts both down cleanly on SIGTERM/SIGINT.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../src/lib/server/config.ts';
import { closeAppDatabase } from '../src/lib/server/db/open.ts';
import { startAppHub, requestOrigin } from './app-hub.ts';
import { printBanner } from './banner.ts';
import { logRequests } from './http-log.ts';
import { securityHeaders } from '../src/lib/server/ops/security-headers.ts';
import { scheduleRetention } from '../src/lib/server/privacy/retention.ts';

const handlerPath = fileURLToPath(new URL('../build/handler.js', import.meta.url));
// adapter-node reads these when its handler module loads: make url.origin the origin actually used,
// so SvelteKit's CSRF check passes over plain http on the venue network (it assumes https otherwise).
const PROTOCOL_HEADER = 'x-denktafel-protocol';

async function main(): Promise<void> {
	if (!existsSync(handlerPath)) {
		console.error('No build found: run `npm run build` (npm start does this for you).');
		process.exit(1);
	}
	const app = await startAppHub();
	const { config, hub, db } = app;
	// Deletes personal data of meetings past RETENTION_DAYS: now and daily.
	const stopRetention = await scheduleRetention(db, config.retentionDays);
	if (config.origin) process.env.ORIGIN = config.origin;
	else process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
	const { handler } = (await import(handlerPath)) as {
		handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
	};

	const server = createServer((req, res) => {
		logRequests(req, res);
		// Always overwrite: a client must not choose the protocol the app believes in.
		const https = requestOrigin(config, req).startsWith('https:');
		req.headers[PROTOCOL_HEADER] = https ? 'https' : 'http';
		for (const [name, value] of Object.entries(securityHeaders(https))) res.setHeader(name, value);
		handler(req, res);
	});
	server.on('upgrade', (req, socket, head) => {
		if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
	});
	// A room of participants voting at once reuses kept-alive connections after pauses: with Node's
	// 5 s keep-alive a busy server closes a socket just as the client sends on it (ECONNRESET, a lost
	// click). Keep idle sockets longer than clients and proxies do (their own timeout ends first), and
	// let a burst of connects queue rather than be dropped.
	server.keepAliveTimeout = 65_000;
	server.headersTimeout = 66_000;
	server.listen({ port: config.port, host: config.host, backlog: 2048 }, () => printBanner(server, app));

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: closing connections and saving boards…`);
		const deadline = setTimeout(() => process.exit(1), 9_000);
		deadline.unref();
		stopRetention();
		server.close();
		server.closeAllConnections();
		await hub.close();
		// SQLite: the file; PostgreSQL: every pooled connection (the pool ends once they are idle).
		await closeAppDatabase(db);
		clearTimeout(deadline);
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
	console.error(err instanceof ConfigError ? `Configuration error: ${err.message}` : err);
	process.exit(1);
});
