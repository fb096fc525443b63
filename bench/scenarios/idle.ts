// Scenario 6: idle cost. N connections that did the handshake and then say nothing: the server's
// RSS (against its own before they came) and CPU over a quiet span (pings, keepalives, timers).
import { LoadPool } from '../lib/load-pool.ts';
import { startHocuspocus, startOurs, startReference, type ServerName, type ServerUnderTest } from '../lib/servers.ts';
import type { ConnSpec } from '../lib/load-protocol.ts';
import { seedMeeting } from '../lib/seed.ts';
import { personHeaders } from '../lib/http.ts';
import { readUsage, usageMeter } from '../lib/proc-usage.ts';
import { round, sleep } from '../lib/stats.ts';

export async function runIdle(pool: LoadPool, which: ServerName, o: { clients: number; seconds: number }) {
	let server: ServerUnderTest;
	let specs: ConnSpec[];
	if (which === 'ours') {
		const ours = await startOurs((db) => seedMeeting(db, { title: 'Bench idle', tables: 1, people: o.clients }));
		server = ours;
		specs = ours.seeded.people.map((p) => ({ wire: 'y-websocket', base: ours.wsBase, room: `table:${p.tableId}`, headers: personHeaders(ours.httpUrl, p.token), full: false }));
	} else if (which === 'hocuspocus') {
		const peer = await startHocuspocus(Array.from({ length: o.clients }, () => 'table:idle'));
		server = peer;
		specs = peer.tokens.map((token) => ({ wire: 'hocuspocus', base: peer.wsBase, room: 'table:idle', headers: {}, token, full: false }));
	} else {
		server = await startReference();
		specs = Array.from({ length: o.clients }, () => ({ wire: 'y-websocket', base: server.wsBase, room: 'table:idle', headers: {}, full: false }));
	}
	try {
		await sleep(500);
		const before = readUsage(server.pid);
		const failed = await pool.open(specs);
		await sleep(1500);
		const meter = usageMeter(server.pid);
		await sleep(o.seconds * 1000);
		const usage = meter.stop();
		const closed = (await pool.stats()).closed;
		const result = {
			server: which,
			clients: o.clients - failed,
			failedToConnect: failed,
			closedWhileIdle: closed,
			rssBeforeMb: round(before.rssMb),
			rssMb: round(usage.rssEndMb),
			kbPerConnection: round(((usage.rssEndMb - before.rssMb) * 1024) / Math.max(1, o.clients - failed)),
			cpuPercent: round(usage.cpuPercent, 2),
			seconds: round(usage.seconds)
		};
		console.log(`  ${which.padEnd(10)} ${result.clients} idle: RSS ${result.rssMb} MB (${result.kbPerConnection} KB each), CPU ${result.cpuPercent}%`);
		return result;
	} finally {
		await pool.closeClients();
		await server.stop();
	}
}

export type IdleResult = Awaited<ReturnType<typeof runIdle>>;
