// Scenario 3: a presence storm. Every client of one room changes its presence (typing, a cursor)
// twice a second. Most are light clients sending raw awareness frames; a few senders and observers
// are stock clients (y-websocket, or HocuspocusProvider for the peer) in this thread, and we time each sender's change until each
// observer sees it: either the sender's own state or any server-written entry that carries it
// (bounded presence may summarise a large room), found by the cursor tag only that sender uses.
// The relay passes every message to every client (O(N²)), and so does the peer (it merges the
// changes of one event-loop turn); each is given a deadline, so the run ends.
import { LoadPool } from '../lib/load-pool.ts';
import { startHocuspocus, startOurs, startReference, type ServerName, type ServerUnderTest } from '../lib/servers.ts';
import { seedMeeting } from '../lib/seed.ts';
import { personHeaders } from '../lib/http.ts';
import { usageMeter } from '../lib/proc-usage.ts';
import { latency, now, round, sleep, until } from '../lib/stats.ts';
import { connectStock, type StockClient, type Wire } from '../lib/stock-client.ts';

export interface PresenceOptions {
	clients: number;
	hz: number;
	seconds: number;
	senders: number;
	observers: number;
	/** how long after the storm a change may still arrive before it counts as never seen */
	graceMs: number;
}

const TAG = 900_000; // cursor.y of sender k is TAG + k: nobody else uses these values
/**
 * Bounded presence (issue #7) writes the room's counts as one server-written awareness entry under
 * this key (`{ present, writing, shown }`) and forwards only a few states. A sender without a slot is
 * then "seen" when the first counts entry after its change arrives: the counts are what others see.
 */
const SUMMARY_KEY = 'denktafel';
const isSummary = (state: unknown) =>
	typeof state === 'object' && state !== null && typeof (state as Record<string, { present?: unknown }>)[SUMMARY_KEY]?.present === 'number';

/** Every (tag, seq) pair of a cursor anywhere inside a presence state. */
function cursorsIn(value: unknown, out: Array<[number, number]>, depth = 0): void {
	if (depth > 6 || typeof value !== 'object' || value === null) return;
	if (Array.isArray(value)) {
		for (const v of value) cursorsIn(v, out, depth + 1);
		return;
	}
	const cursor = (value as { cursor?: { x?: unknown; y?: unknown } }).cursor;
	if (cursor && typeof cursor.x === 'number' && typeof cursor.y === 'number' && cursor.y >= TAG) out.push([cursor.y - TAG, cursor.x]);
	for (const v of Object.values(value)) cursorsIn(v, out, depth + 1);
}

export async function runPresence(pool: LoadPool, which: ServerName, o: PresenceOptions) {
	const full = o.senders + o.observers;
	let server: ServerUnderTest;
	let room = 'table:presence';
	let tokens: string[] = [];
	let wire: Wire = 'y-websocket';
	if (which === 'ours') {
		const ours = await startOurs((db) => seedMeeting(db, { title: 'Bench presence', tables: 1, people: o.clients }));
		server = ours;
		room = `table:${ours.seeded.tableIds[0]}`;
		tokens = ours.seeded.people.map((p) => p.token);
	} else if (which === 'hocuspocus') {
		const peer = await startHocuspocus(Array.from({ length: o.clients }, () => room));
		server = peer;
		tokens = peer.tokens;
		wire = 'hocuspocus';
	} else server = await startReference();
	const stock: StockClient[] = [];
	try {
		const light = Array.from({ length: o.clients - full }, (_, i) => ({
			wire,
			base: server.wsBase,
			room,
			// Ours reads the session cookie; the peer gets the token in its auth message.
			headers: which === 'ours' ? personHeaders(server.httpUrl, tokens[full + i]) : {},
			token: tokens[full + i],
			full: false
		}));
		const failed = await pool.open(light);
		for (let k = 0; k < full; k++) stock.push(connectStock(wire, server.wsBase, room, { token: tokens[k], origin: server.httpUrl }));
		await until(() => stock.every((p) => p.synced()), 20_000);
		const senders = stock.slice(0, o.senders);
		const sentAt: number[][] = senders.map(() => []);
		// seenUpTo[observer][sender]: the highest change of that sender the observer has seen
		const seenUpTo = stock.map(() => senders.map(() => -1));
		const delays: number[] = [];
		let viaSummary = 0;
		stock.forEach((p, obs) => {
			const awareness = p.awareness;
			awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
				const at = now();
				const found: Array<[number, number]> = [];
				for (const id of [...added, ...updated]) {
					if (id === awareness.clientID) continue;
					const state = awareness.getStates().get(id);
					if (isSummary(state)) {
						viaSummary++;
						// Every change sent before these counts arrived is reflected by them.
						senders.forEach((_, k) => found.push([k, sentAt[k].length - 1]));
					} else cursorsIn(state, found);
				}
				for (const [k, seq] of found) {
					if (k === obs || k >= senders.length) continue;
					for (let s = seenUpTo[obs][k] + 1; s <= seq && s < sentAt[k].length; s++) delays.push(at - sentAt[k][s]);
					seenUpTo[obs][k] = Math.max(seenUpTo[obs][k], seq);
				}
			});
		});
		await sleep(300);
		const meter = usageMeter(server.pid);
		await pool.presence(o.hz);
		await pool.stats(); // resets the frame counters
		const storm = Date.now();
		const timers = senders.map((p, k) =>
			setInterval(() => {
				const seq = sentAt[k].length;
				sentAt[k].push(now());
				p.awareness.setLocalState({ typing: seq % 2 === 0, cursor: { x: seq, y: TAG + k } });
			}, 1000 / o.hz)
		);
		await sleep(o.seconds * 1000);
		for (const t of timers) clearInterval(t);
		const traffic = await pool.stats();
		const stormSeconds = (Date.now() - storm) / 1000;
		await pool.presence(0);
		const expected = () => stock.reduce((n, _, obs) => n + senders.reduce((m, __, k) => m + (k === obs ? 0 : sentAt[k].length), 0), 0);
		await until(() => delays.length >= expected(), o.graceMs, 50);
		const usage = meter.stop();
		const changes = expected();
		const result = {
			server: which,
			clients: o.clients - failed,
			failedToConnect: failed,
			hz: o.hz,
			sampledChanges: changes,
			seen: delays.length,
			neverSeen: Math.max(0, changes - delays.length),
			seenMs: latency(delays),
			/** counts entries (bounded presence) that observers received */
			summaryUpdates: viaSummary,
			framesPerClientPerSecond: round(traffic.frames / Math.max(1, traffic.clients) / stormSeconds),
			generatorLagP99Ms: round(traffic.generatorLagP99Ms),
			cpuSeconds: round(usage.cpuSeconds, 2),
			cpuPercent: round(usage.cpuPercent),
			rssPeakMb: round(usage.rssPeakMb),
			serverAlive: server.alive()
		};
		console.log(
			`  ${which.padEnd(10)} ${o.clients} clients: seen p50 ${result.seenMs.p50} p99 ${result.seenMs.p99} ms; never seen ${result.neverSeen}/${changes}; ` +
				`${result.framesPerClientPerSecond} frames/client/s; CPU ${result.cpuPercent}% RSS ${result.rssPeakMb} MB`
		);
		return result;
	} finally {
		for (const p of stock) p.destroy();
		await pool.closeClients();
		await server.stop();
	}
}

export type PresenceResult = Awaited<ReturnType<typeof runPresence>>;
