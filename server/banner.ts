import type { Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { Config } from '../src/lib/server/config.ts';
import type { PreparedDatabase } from '../src/lib/server/startup/prepare-database.ts';

/** Addresses a phone on the same network can use: every non-internal IPv4 address. */
function lanAddresses(): string[] {
	return Object.values(networkInterfaces())
		.flat()
		.filter((a) => a && a.family === 'IPv4' && !a.internal)
		.map((a) => a!.address);
}

/** Prints where the app listens and, in demo mode, the demo logins. */
export function printBanner(server: Server, app: PreparedDatabase & { config: Config }): void {
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : app.config.port;
	const lines = [`Denktafel listens on http://localhost:${port}`];
	if (app.config.host === '0.0.0.0' || app.config.host === '::') {
		for (const ip of lanAddresses()) lines.push(`  on this network: http://${ip}:${port}`);
	}
	if (app.config.origin) lines.push(`  public origin: ${app.config.origin}`);
	console.log([...lines, ...demoLoginLines(app)].join('\n'));
}

/** The demo logins to print at start (empty outside demo mode). */
export function demoLoginLines(app: PreparedDatabase & { config: Config }): string[] {
	if (app.demoLogins.length === 0) return [];
	const lines = ['', 'Demo mode (DENKTAFEL_DEMO=0 turns it off). Demo logins:'];
	for (const login of app.demoLogins) {
		const note = login.stillValid ? '' : '  (changed since first start)';
		lines.push(`  ${login.role.padEnd(11)} ${login.email}  password: ${login.password}${note}`);
	}
	lines.push(`  (kept in ${app.config.databasePath.replace(/[^/]+$/, '')}demo-logins.json)`);
	return lines;
}
