// Scenarios 1 and 2: cards arriving at a steady rate in one or many table rooms; the time from the
// user's action until every client of the room has the card (p50/p95/p99), the server's CPU and RSS.
// Ours: the card is a command (checks, SQL commit, doc write, fan-out), sent as a command frame on its
// author's own table-room socket, as our browser's board sends it since #18 (`--cards-via http`: a
// POST to /api/tables/<id>/cards instead, as before #18 and as no-JS pages and scripts). The relay and the
// peer (Hocuspocus): a stock client writes the card into its doc and the server passes it on; the
// peer also persists the doc to SQLite (debounced) and admitted each client by token, but it checks
// nothing about the change itself.
import { LoadPool } from '../lib/load-pool.ts';
import { changeLatencies, pacedChanges } from '../lib/paced-changes.ts';
import type { CardDoor, ConnSpec } from '../lib/load-protocol.ts';
import { startHocuspocus, startOurs, startReference, type ServerName, type ServerUnderTest } from '../lib/servers.ts';
import { seedMeeting } from '../lib/seed.ts';
import { command, personHeaders } from '../lib/http.ts';
import { usageMeter } from '../lib/proc-usage.ts';
import { latency, now, round, sleep, until } from '../lib/stats.ts';
import { connectStock, type StockClient } from '../lib/stock-client.ts';
import { boardCards, type BoardCard } from '../../src/lib/realtime/board-doc.ts';

export interface FanoutOptions {
	tables: number;
	clientsPerTable: number;
	/** changes per second, over all rooms together */
	rate: number;
	seconds: number;
	/** how many of the clients are full stock clients (the rest count frames) */
	fullSample: number;
	/** Ours only: the door the cards go by (default: the author's room socket). */
	via?: CardDoor;
}

const WARMUP = 10;

type Act = (room: number, i: number, marker: string) => void;

interface Setup {
	server: ServerUnderTest;
	conns: ConnSpec[];
	rooms: string[];
	act: Act;
	cleanup(): Promise<void>;
}

const cardText = (marker: string) => `Hoe borgen we de kwaliteit van het opleiden in de regio? ${marker}`;

async function setupOurs(o: FanoutOptions, pool: LoadPool): Promise<Setup> {
	const server = await startOurs((db) => seedMeeting(db, { title: 'Bench fan-out', tables: o.tables, people: o.tables * o.clientsPerTable }));
	const { seeded } = server;
	const rooms = seeded.tableIds.map((id) => `table:${id}`);
	const conns = seeded.people.map((p) => ({
		wire: 'y-websocket' as const,
		base: server.wsBase,
		room: `table:${p.tableId}`,
		headers: personHeaders(server.httpUrl, p.token),
		token: p.token,
		full: false
	}));
	const byRoom = rooms.map((room) => conns.filter((c) => c.room === room));
	// Authors over the socket are light clients (a full client's socket sits inside its provider);
	// chosen at the first card, after runFanout has picked the full ones.
	const authors: (typeof conns)[] = [];
	const via = o.via ?? 'socket';
	const act: Act = (room, i, marker) => {
		authors[room] ??= via === 'socket' ? byRoom[room].filter((c) => !c.full) : byRoom[room];
		const people = authors[room];
		const author = people[Math.abs(Math.floor(i / rooms.length)) % people.length];
		if (via === 'socket') return pool.command(author.token, { type: 'card.add', text: cardText(marker) });
		command(server.httpUrl, `/api/tables/${seeded.tableIds[room]}/cards`, author.token, { text: cardText(marker) }).then(
			(r) => {
				if (r.status !== 200 && r.status !== 201) console.warn(`[fan-out] card refused: ${r.status} ${JSON.stringify(r.json)}`);
			},
			// Still in flight when the run ends (the server is stopped): it counts as not reaching everyone.
			() => {}
		);
	};
	return { server, conns, rooms, act, cleanup: () => server.stop() };
}

/** The card as a stock client writes it straight into the board doc (what the relay and the peer allow). */
function writeCard(doc: StockClient['doc'], marker: string) {
	const id = `c-${marker}`;
	const card: BoardCard = { id, text: cardText(marker), authorName: null, themeId: null, clusterId: null, orderKey: `a${marker}`, createdAt: Date.now(), updatedAt: Date.now(), votes: null, merged: [] };
	boardCards(doc).set(id, card);
}

/** One writer per room: a stock client that writes the card into the shared doc itself. */
async function writerSetup(server: ServerUnderTest, conns: ConnSpec[], rooms: string[], writers: StockClient[]): Promise<Setup> {
	await until(() => writers.every((w) => w.synced()), 10_000);
	return {
		server,
		conns,
		rooms,
		act: (room, _i, marker) => writeCard(writers[room].doc, marker),
		async cleanup() {
			for (const w of writers) w.destroy();
			await server.stop();
		}
	};
}

const benchRooms = (o: FanoutOptions) => Array.from({ length: o.tables }, (_, i) => `table:bench-${i + 1}`);

async function setupReference(o: FanoutOptions): Promise<Setup> {
	const server = await startReference();
	const rooms = benchRooms(o);
	const conns = rooms.flatMap((room) =>
		Array.from({ length: o.clientsPerTable }, () => ({ wire: 'y-websocket' as const, base: server.wsBase, room, headers: {}, full: false }))
	);
	const writers = rooms.map((room) => connectStock('y-websocket', server.wsBase, room, { origin: server.httpUrl }));
	return writerSetup(server, conns, rooms, writers);
}

async function setupHocuspocus(o: FanoutOptions): Promise<Setup> {
	const rooms = benchRooms(o);
	const clientRooms = rooms.flatMap((room) => Array.from({ length: o.clientsPerTable }, () => room));
	// A token for every client and for each room's writer, each valid for its own room.
	const server = await startHocuspocus([...clientRooms, ...rooms]);
	const conns = clientRooms.map((room, i) => ({ wire: 'hocuspocus' as const, base: server.wsBase, room, headers: {}, token: server.tokens[i], full: false }));
	const writers = rooms.map((room, r) => connectStock('hocuspocus', server.wsBase, room, { token: server.tokens[clientRooms.length + r], origin: server.httpUrl }));
	return writerSetup(server, conns, rooms, writers);
}

const setups: Record<ServerName, (o: FanoutOptions, pool: LoadPool) => Promise<Setup>> = { ours: setupOurs, reference: setupReference, hocuspocus: setupHocuspocus };

export async function runFanout(pool: LoadPool, which: ServerName, o: FanoutOptions) {
	const s = await setups[which](o, pool);
	try {
		// A sample of full clients, spread over the rooms.
		const step = Math.max(1, Math.floor(s.conns.length / o.fullSample));
		for (let i = 0; i < s.conns.length && i / step < o.fullSample; i += step) s.conns[i].full = true;
		const failed = await pool.open(s.conns);
		// Warm-up, not measured: the first changes meet cold code paths (JIT, first queries).
		for (let i = 0; i < WARMUP; i++) {
			s.act(i % s.rooms.length, -1 - i, `warmup${i}x${crypto.randomUUID().slice(0, 8)}`);
			await sleep(50);
		}
		await sleep(1000);
		const meter = usageMeter(s.server.pid);
		await pool.stats(); // resets the frame counters
		const total = Math.round(o.rate * o.seconds);
		const sentAt = await pacedChanges(pool, {
			prefix: 'bm',
			total,
			rate: o.rate,
			roomOf: (i) => s.rooms[i % s.rooms.length],
			act: (i, marker) => s.act(i % s.rooms.length, i, marker)
		});
		const usage = meter.stop();
		await pool.flush();
		const traffic = await pool.stats();
		const { everyone, sample } = changeLatencies(pool, sentAt);
		const clients = s.conns.length - failed;
		const deliveries = everyone.length * (clients / s.rooms.length);
		const result = {
			server: which,
			/** ours: the door the cards went by; the others write into the doc themselves */
			via: which === 'ours' ? (o.via ?? 'socket') : ('doc' as const),
			tables: o.tables,
			clients,
			failedToConnect: failed,
			changes: total,
			reachedEveryone: everyone.length,
			incomplete: total - everyone.length,
			everyoneMs: latency(everyone),
			fullClientMs: latency(sample),
			bytesPerFrame: round(traffic.bytes / Math.max(1, traffic.frames), 0),
			/** frames a light client received per change in its room (keepalives included): 1 is the floor */
			framesPerChange: round(traffic.frames / Math.max(1, ((clients - o.fullSample) * total) / s.rooms.length), 2),
			generatorLagP99Ms: round(traffic.generatorLagP99Ms),
			cpuSeconds: round(usage.cpuSeconds, 2),
			cpuPercent: round(usage.cpuPercent),
			rssStartMb: round(usage.rssStartMb),
			rssPeakMb: round(usage.rssPeakMb),
			deliveries,
			cpuSecondsPer1000Deliveries: round(deliveries ? usage.cpuSeconds / (deliveries / 1000) : NaN, 4),
			serverAlive: s.server.alive()
		};
		console.log(
			`  ${which.padEnd(10)} ${o.tables}×${o.clientsPerTable}: everyone p50 ${result.everyoneMs.p50} p95 ${result.everyoneMs.p95} p99 ${result.everyoneMs.p99} ms; ` +
				`incomplete ${result.incomplete}/${total}; CPU ${result.cpuPercent}% RSS ${result.rssPeakMb} MB`
		);
		return result;
	} finally {
		await pool.closeClients();
		await s.cleanup();
	}
}

export type FanoutResult = Awaited<ReturnType<typeof runFanout>>;
