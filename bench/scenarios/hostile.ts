// Scenario 7: one hostile participant in a room of a hundred. The room works as usual (cards
// arriving at a steady rate, timed from the action until all 100 clients have them) while one
// participant, from eight sockets, sends the 4-byte "give me everything" sync step 1 as fast as it
// may and reconnects whenever it is closed, and eight loops of theirs cast and withdraw a dot over
// HTTP without pause. Measured: the room's action-to-everyone p50/p99 and /healthz latency, first
// without the flooder, then with; the server's CPU in both windows, and the flooder's share of it
// (the extra CPU of the flood window over the quiet one, as a share of the flood window's CPU);
// and what became of the flooder (sockets closed with which codes, commands answered how).
import WebSocket from 'ws';
import http from 'node:http';
import { LoadPool } from '../lib/load-pool.ts';
import { startOurs } from '../lib/servers.ts';
import { seedMeeting } from '../lib/seed.ts';
import { command, personHeaders } from '../lib/http.ts';
import { usageMeter } from '../lib/proc-usage.ts';
import { latency, now, round, sleep, until } from '../lib/stats.ts';
import { LIMITS } from '../../src/lib/realtime/limits.ts';

export interface HostileOptions {
	clients: number;
	/** cards per second into the room */
	rate: number;
	/** length of each window (quiet, then flood) */
	seconds: number;
	sockets: number;
	/** sync requests per second per flooding socket */
	syncPerSecond: number;
	commandLoops: number;
}

/** A 4-byte sync step 1 with an empty state vector: "send me the whole doc". */
const ASK_ALL = new Uint8Array([0, 0, 1, 0]);

function healthz(url: string): Promise<number> {
	const start = now();
	return new Promise((resolve) => {
		http.get(`${url}/healthz`, (res) => {
			res.resume();
			res.on('end', () => resolve(now() - start));
		}).on('error', () => resolve(Number.NaN));
	});
}

/** The flooder: eight sockets asking for everything, reconnecting when closed; eight command loops. */
function startFlood(wsBase: string, room: string, httpUrl: string, token: string, tableId: string, cardIds: string[], o: HostileOptions) {
	let running = true;
	const closes = new Map<number, number>();
	const commands = new Map<number, number>();
	let asked = 0;
	let bytesIn = 0;
	const sockets = new Set<WebSocket>();
	const open = () => {
		if (!running) return;
		const ws = new WebSocket(`${wsBase}/${room}`, { headers: personHeaders(httpUrl, token) });
		sockets.add(ws);
		let timer: ReturnType<typeof setInterval> | null = null;
		ws.on('open', () => {
			timer = setInterval(() => {
				if (ws.readyState === WebSocket.OPEN) {
					ws.send(ASK_ALL);
					asked++;
				}
			}, 1000 / o.syncPerSecond);
		});
		ws.on('message', (data: Buffer) => (bytesIn += data.byteLength));
		ws.on('error', () => {});
		ws.on('close', (code) => {
			if (timer) clearInterval(timer);
			sockets.delete(ws);
			closes.set(code, (closes.get(code) ?? 0) + 1);
			// A hostile client comes straight back.
			setTimeout(open, 50);
		});
	};
	for (let i = 0; i < o.sockets; i++) open();
	const loops = Array.from({ length: o.commandLoops }, async (_, i) => {
		const card = cardIds[i % cardIds.length];
		for (let n = 0; running; n++) {
			const r = await command(httpUrl, `/api/tables/${tableId}/commands`, token, { type: n % 2 ? 'vote.withdraw' : 'vote.cast', cardId: card }, 1).catch(() => ({ status: 0 }));
			commands.set(r.status, (commands.get(r.status) ?? 0) + 1);
			if (r.status === 429) await sleep(100);
		}
	});
	return {
		async stop() {
			running = false;
			for (const ws of sockets) ws.terminate();
			await Promise.all(loops);
			return {
				syncRequestsSent: asked,
				bytesReceived: bytesIn,
				socketCloses: Object.fromEntries(closes),
				commandStatuses: Object.fromEntries(commands)
			};
		}
	};
}

export async function runHostile(pool: LoadPool, o: HostileOptions) {
	const server = await startOurs((db) => seedMeeting(db, { title: 'Bench vijandig', tables: 1, people: o.clients + 1 }));
	const { seeded, httpUrl } = server;
	const tableId = seeded.tableIds[0];
	const room = `table:${tableId}`;
	const [flooder, ...people] = seeded.people;
	try {
		// A board worth asking for (the case: 400 cards), in the vote phase with late cards on,
		// so the room keeps adding cards while the flooder casts and withdraws. Both windows' new cards
		// must fit under the table's card limit too, or the room's own cards are refused (a full run
		// once measured nothing but refusals): as many as fit, at most 400.
		const seedCards = Math.max(0, Math.min(400, LIMITS.cardsPerTable - Math.round(o.rate * o.seconds) * 2));
		const cardIds: string[] = [];
		for (let i = 0; i < seedCards; i++) {
			const r = await command(httpUrl, `/api/tables/${tableId}/cards`, people[i % people.length].token, { text: `Kernvraag ${i + 1} over de kwaliteit van het samen opleiden in de regio` });
			if (r.status === 201 || r.status === 200) cardIds.push((r.json as { card: { id: string } }).card.id);
		}
		const settings = await command(httpUrl, `/api/meetings/${seeded.meetingId}/board`, seeded.facilitator, {
			type: 'board.settings', voteBudget: 3, votePerCardMax: null, talliesLive: true, lateCards: true, participantsChooseTable: true
		});
		const phase = await command(httpUrl, `/api/tables/${tableId}/commands`, seeded.facilitator, { type: 'phase.set', phase: 'vote' });
		if (settings.status !== 200 || phase.status !== 200) throw new Error(`set-up refused: ${settings.status} ${phase.status}`);

		const conns = people.slice(0, o.clients).map((p, i) => ({ wire: 'y-websocket' as const, base: server.wsBase, room, headers: personHeaders(httpUrl, p.token), token: p.token, full: i % 20 === 0 }));
		const failed = await pool.open(conns);

		const window = async (label: string) => {
			const meter = usageMeter(server.pid);
			const total = Math.round(o.rate * o.seconds);
			const markers = Array.from({ length: total }, (_, i) => `hx${label}${i}x${crypto.randomUUID().slice(0, 8)}`);
			const sentAt = new Map<string, number>();
			const health: Promise<number>[] = [];
			for (let i = 0; i < Math.min(5, total); i++) pool.watch(markers[i], room);
			await sleep(200);
			const t0 = now();
			for (let i = 0; i < total; i++) {
				const wait = t0 + (i * 1000) / o.rate - now();
				if (wait > 0) await sleep(wait);
				if (i + 5 < total) pool.watch(markers[i + 5], room);
				sentAt.set(markers[i], now());
				const author = people[i % people.length];
				command(httpUrl, `/api/tables/${tableId}/cards`, author.token, { text: `Nieuwe vraag ${markers[i]}` }).catch(() => {});
				if (i % 2 === 0) health.push(healthz(httpUrl));
			}
			await until(() => [...sentAt.keys()].every((m) => pool.complete(m)), 10_000, 50);
			const usage = meter.stop();
			const everyone: number[] = [];
			for (const [marker, at] of sentAt) {
				const seen = pool.seen(marker);
				if (pool.complete(marker) && seen) everyone.push(seen.maxAt - at);
			}
			return {
				changes: total,
				incomplete: total - everyone.length,
				everyoneMs: latency(everyone),
				healthzMs: latency((await Promise.all(health)).filter((n) => !Number.isNaN(n))),
				cpuSeconds: round(usage.cpuSeconds, 2),
				cpuPercent: round(usage.cpuPercent)
			};
		};

		const quiet = await window('q');
		const flood = startFlood(server.wsBase, room, httpUrl, flooder.token, tableId, cardIds, o);
		await sleep(500);
		const flooded = await window('f');
		const flooderSaw = await flood.stop();
		const extra = (flooded.cpuSeconds ?? 0) - (quiet.cpuSeconds ?? 0);
		const result = {
			clients: o.clients - failed,
			cards: cardIds.length,
			quiet,
			flooded,
			flooderCpuShare: round(Math.max(0, extra) / Math.max(0.001, flooded.cpuSeconds ?? 0), 2),
			flooder: flooderSaw,
			serverAlive: server.alive()
		};
		console.log(
			`  quiet:   everyone p50 ${quiet.everyoneMs.p50} p99 ${quiet.everyoneMs.p99} ms, healthz p99 ${quiet.healthzMs.p99} ms, CPU ${quiet.cpuPercent}%\n` +
				`  flooded: everyone p50 ${flooded.everyoneMs.p50} p99 ${flooded.everyoneMs.p99} ms, healthz p99 ${flooded.healthzMs.p99} ms, CPU ${flooded.cpuPercent}%; ` +
				`flooder's share ${result.flooderCpuShare}; closes ${JSON.stringify(flooderSaw.socketCloses)}; commands ${JSON.stringify(flooderSaw.commandStatuses)}`
		);
		return result;
	} finally {
		await pool.closeClients();
		await server.stop();
	}
}

export type HostileResult = Awaited<ReturnType<typeof runHostile>>;
