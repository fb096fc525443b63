// One load-generator thread: holds a share of the simulated clients and reports when each watched
// marker has reached all of its clients in a room. Light clients are raw sockets that do the sync
// handshake (after the auth message, for Hocuspocus), may send presence, and search incoming frames
// for the marker bytes; full clients are the stock provider of that server applying every update to
// a Y.Doc.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import WebSocket from 'ws';
import { connectStock, type StockClient } from './stock-client.ts';
import { awarenessFrame, randomClientId, SYNC_STEP_1 } from './wire.ts';
import * as hocuspocusWire from '../hocuspocus/wire.ts';
import { now } from './stats.ts';
import { command } from './http.ts';
import { closeVoterSockets, openVoterSockets, voteOverSocket } from './vote-sockets.ts';
import { COMMAND_MESSAGE, encodeCommand, readCommandAnswer } from '../../src/lib/realtime/command-wire.ts';
import * as decoding from 'lib0/decoding';
import type { ConnSpec, ToWorker, FromWorker, VoteDoor, VoteJob } from './load-protocol.ts';

interface Client {
	room: string;
	wire: ConnSpec['wire'];
	full: boolean;
	ws?: WebSocket;
	provider?: StockClient;
	clientId: number;
	clock: number;
	closed: boolean;
}

interface Watch {
	room: string;
	bytes: Buffer;
	seenBy: Set<Client>;
	expected: number;
	maxAt: number;
	fullTimes: number[];
}

// Each stock provider adds a process 'exit' listener; dozens per thread are expected here.
process.setMaxListeners(0);
const port = parentPort!;
const clients: Client[] = [];
/** Light clients of ours by session token: the sockets a card's author sends its command on. */
const byToken = new Map<string, Client>();
const watches = new Map<string, Watch>();
const roomWatches = new Map<string, Set<Watch>>();
let frames = 0;
let bytes = 0;
let presenceTimers: ReturnType<typeof setInterval>[] = [];
// How late this thread's event loop runs: when it is late, the generator (not the server) is slow.
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();

const send = (m: FromWorker) => port.postMessage(m);

function noteFrame(client: Client, data: Uint8Array, at: number) {
	const active = roomWatches.get(client.room);
	if (!active || active.size === 0) return;
	const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
	for (const w of active) {
		if (w.seenBy.has(client) || !buf.includes(w.bytes)) continue;
		w.seenBy.add(client);
		w.maxAt = Math.max(w.maxAt, at);
		if (client.full) w.fullTimes.push(at);
		if (w.seenBy.size >= w.expected) finish(w);
	}
}

function finish(w: Watch) {
	const marker = w.bytes.toString();
	watches.delete(marker);
	roomWatches.get(w.room)?.delete(w);
	send({ op: 'seen', marker, count: w.seenBy.size, expected: w.expected, maxAt: w.maxAt, fullTimes: w.fullTimes });
}

function openLight(spec: ConnSpec): Promise<Client> {
	const client: Client = { room: spec.room, wire: spec.wire, full: false, clientId: randomClientId(), clock: 0, closed: false };
	const url = spec.wire === 'hocuspocus' ? spec.base : `${spec.base}/${spec.room}`;
	const ws = new WebSocket(url, { headers: spec.headers, perMessageDeflate: false });
	client.ws = ws;
	ws.binaryType = 'nodebuffer';
	ws.on('message', (data: Buffer) => {
		// The answer to this client's own command goes to it alone and may carry the card's text (the
		// marker): not a delivery, so it neither counts as a frame nor as the card reaching this client.
		if (spec.wire === 'y-websocket' && data[0] === COMMAND_MESSAGE) return noteAnswer(data);
		frames++;
		bytes += data.byteLength;
		noteFrame(client, data, now());
	});
	ws.on('close', () => (client.closed = true));
	if (spec.token && spec.wire === 'y-websocket') byToken.set(spec.token, client);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('open timed out')), 30_000);
		ws.once('open', () => {
			if (spec.wire === 'hocuspocus') for (const f of hocuspocusWire.openFrames(spec.room, spec.token ?? '')) ws.send(f);
			else ws.send(SYNC_STEP_1);
			clearTimeout(timer);
			resolve(client);
		});
		ws.once('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
	});
}

/** A command's answer: a refusal is worth a warning (its card will count as not reaching everyone). */
function noteAnswer(data: Buffer) {
	const decoder = decoding.createDecoder(data);
	decoding.readVarUint(decoder);
	const answer = readCommandAnswer(decoder);
	if (answer?.status !== 200 && answer?.status !== 201) console.warn(`[fan-out] card refused on the socket: ${answer?.status} ${JSON.stringify(answer?.body)}`);
}

/** A command frame on its author's socket, as the browser's board sends it (no retry: a loss counts as incomplete). */
function sendCommand(token: string, command: Record<string, unknown>) {
	const client = byToken.get(token);
	if (!client?.ws || client.ws.readyState !== WebSocket.OPEN) return console.warn('[fan-out] the author\'s socket is not open');
	client.ws.send(encodeCommand({ commandId: crypto.randomUUID(), ...command }));
}

async function openFull(spec: ConnSpec): Promise<Client> {
	const client: Client = { room: spec.room, wire: spec.wire, full: true, clientId: 0, clock: 0, closed: false };
	const p = connectStock(spec.wire, spec.base, spec.room, { token: spec.token, origin: spec.headers.origin ?? 'http://127.0.0.1' });
	client.provider = p;
	p.doc.on('update', (update: Uint8Array) => noteFrame(client, update, now()));
	const deadline = Date.now() + 30_000;
	while (!p.synced()) {
		if (Date.now() > deadline) throw new Error('sync timed out');
		await new Promise((r) => setTimeout(r, 20));
	}
	return client;
}

async function open(specs: ConnSpec[]) {
	let failed = 0;
	const BATCH = 50;
	for (let i = 0; i < specs.length; i += BATCH) {
		const results = await Promise.allSettled(specs.slice(i, i + BATCH).map((s) => (s.full ? openFull(s) : openLight(s))));
		for (const r of results) {
			if (r.status === 'fulfilled') clients.push(r.value);
			else failed++;
		}
	}
	return failed;
}

/** Every light client sends a presence change `hz` times a second (typing toggles, cursor moves). */
function startPresence(hz: number) {
	for (const c of clients) {
		if (c.full || !c.ws) continue;
		const tick = () => {
			if (c.closed || c.ws!.readyState !== WebSocket.OPEN) return;
			c.clock++;
			const state = { typing: c.clock % 2 === 0, cursor: { x: c.clock, y: 0 } };
			c.ws!.send(c.wire === 'hocuspocus' ? hocuspocusWire.awarenessFrame(c.room, c.clientId, c.clock, state) : awarenessFrame(c.clientId, c.clock, state));
		};
		const period = 1000 / hz;
		// A random phase, so the clients do not all speak in the same millisecond.
		const t = setTimeout(() => presenceTimers.push(setInterval(tick, period)), Math.random() * period);
		presenceTimers.push(t as unknown as ReturnType<typeof setInterval>);
	}
}

async function castVotes(httpUrl: string, jobs: VoteJob[], via: VoteDoor) {
	const commits: number[] = [];
	const statuses: Record<string, number> = {};
	let resent = 0;
	await Promise.all(
		jobs.map(async (job) => {
			for (const cardId of job.cardIds) {
				const t0 = now();
				let status = 'error';
				try {
					// Sent again with the same command id when the connection drops (applied once).
					const r =
						via === 'socket'
							? await voteOverSocket(httpUrl, job, cardId)
							: await command(httpUrl, `/api/tables/${job.tableId}/commands`, job.token, { type: 'vote.cast', cardId });
					status = String(r.status);
					resent += r.attempts - 1;
				} catch {
					// given up after the retries: counted as 'error'
				}
				commits.push(now() - t0);
				statuses[status] = (statuses[status] ?? 0) + 1;
			}
		})
	);
	return { commits, statuses, resent };
}

port.on('message', async (m: ToWorker) => {
	switch (m.op) {
		case 'open':
			send({ op: 'opened', id: m.id, failed: await open(m.conns) });
			break;
		case 'watch': {
			const expected = clients.filter((c) => c.room === m.room).length;
			const w: Watch = { room: m.room, bytes: Buffer.from(m.marker), seenBy: new Set(), expected, maxAt: 0, fullTimes: [] };
			if (expected === 0) break;
			watches.set(m.marker, w);
			if (!roomWatches.has(m.room)) roomWatches.set(m.room, new Set());
			roomWatches.get(m.room)!.add(w);
			break;
		}
		case 'flush': {
			const partial = [...watches.values()].map((w) => ({ marker: w.bytes.toString(), count: w.seenBy.size, expected: w.expected, fullTimes: w.fullTimes }));
			watches.clear();
			roomWatches.clear();
			send({ op: 'flushed', id: m.id, partial });
			break;
		}
		case 'presence':
			for (const t of presenceTimers) clearInterval(t);
			presenceTimers = [];
			if (m.hz > 0) startPresence(m.hz);
			send({ op: 'ack', id: m.id });
			break;
		case 'voters':
			send({ op: 'opened', id: m.id, failed: await openVoterSockets(m.wsBase, m.origin, m.jobs) });
			break;
		case 'votes':
			send({ op: 'voted', id: m.id, ...(await castVotes(m.httpUrl, m.jobs, m.via)) });
			break;
		case 'command':
			sendCommand(m.token, m.command);
			break;
		case 'stats':
			send({ op: 'stats', id: m.id, clients: clients.length, closed: clients.filter((c) => c.closed).length, frames, bytes, lagP99Ms: lag.percentile(99) / 1e6 });
			frames = 0;
			bytes = 0;
			lag.reset();
			break;
		case 'close':
			for (const t of presenceTimers) clearInterval(t);
			for (const c of clients) {
				c.ws?.terminate();
				c.provider?.destroy();
			}
			clients.length = 0;
			byToken.clear();
			closeVoterSockets();
			send({ op: 'ack', id: m.id });
			break;
	}
});
