import { mapInOrder } from '../src/lib/server/in-order.ts';
import { closeDatabase } from '../src/lib/server/db/client.ts';
import { first } from '#lib/server/db/query.ts';
// Board scenarios for the benchmark harness (issue #7 picks these up):
//   fan-out: N clients in one `table:` room while cards arrive at a steady rate — time from the
//            command until every client has received it (p50/p95/p99);
//   votes:   V participants cast their whole budget as fast as they can — votes/s, commit time
//            p50/p95, lost votes (must be 0), tallies in the doc equal SQL at the end.
// Usage: node bench/board-burst.ts [--quick] [--clients 100,500,1000] [--voters 1000]
// BENCH_PROFILE=<dir> writes a CPU profile of the server there.
// Runs the real built app (npm run build first) on a free port with a fresh temporary database.
// Most clients are light listeners (a raw socket that speaks the sync handshake and looks for the
// card's marker in each frame), so the load generator stays small beside the server it measures.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { eq, sql } from 'drizzle-orm';
import { startApp, tempDataDir, type RunningApp } from '../tests/helpers/app-server.ts';
import { facilitatorWithMeeting, joinAs, signIn } from '../tests/helpers/fixtures.ts';
import { openDatabase, type Db } from '../src/lib/server/db/client.ts';
import { migrateDatabase } from '../src/lib/server/db/migrate.ts';
import { votes } from '../src/lib/server/db/schema.ts';
import { boardCards } from '../src/lib/realtime/board-doc.ts';
import { connectProvider, waitFor } from '../tests/helpers/yjs-client.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string, fallback: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : fallback;
};
const CLIENT_COUNTS = option('clients', quick ? '50,100' : '100,500,1000').split(',').map(Number);
const VOTERS = Number(option('voters', quick ? '200' : '1000'));
const RATE = 20; // commands per second, in total
const SECONDS = quick ? 3 : 20;
const BUDGET = 3;

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const round = (n: number) => Math.round(n * 10) / 10;

interface Seeded {
	meetingId: string;
	tableId: string;
	facilitator: string;
	participants: Array<{ id: string; token: string }>;
}

async function seed(db: Db, people: number, title: string): Promise<Seeded> {
	const m = await facilitatorWithMeeting(db, { title });
	const participants = await mapInOrder(Array.from({ length: people }, (_, i) => i), async (i) => {
		const { participantId } = await joinAs(db, m.joinCode, `Deelnemer ${i + 1}`);
		return { id: participantId, token: (await signIn(db, { participantId })).token };
	});
	return { meetingId: m.meetingId, tableId: m.tableId, facilitator: (await signIn(db, { userId: m.userId })).token, participants };
}

async function post(app: RunningApp, path: string, token: string, body: Record<string, unknown>) {
	const res = await fetch(`${app.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url, cookie: `denktafel_session=${token}` },
		body: JSON.stringify({ commandId: crypto.randomUUID(), ...body })
	});
	await res.arrayBuffer();
	return res.status;
}

/** A listener that only does the handshake and notes when each marker first reaches it. */
function lightListener(app: RunningApp, room: string, token: string, seen: Map<string, number[]>, markers: () => Map<string, Buffer>) {
	const ws = new WebSocket(`${app.wsUrl}/${room}`, { headers: { cookie: `denktafel_session=${token}`, origin: app.url } });
	ws.binaryType = 'nodebuffer';
	const got = new Set<string>();
	const ready = new Promise<void>((resolve, reject) => {
		ws.once('open', () => {
			const enc = encoding.createEncoder();
			encoding.writeVarUint(enc, 0);
			syncProtocol.writeSyncStep1(enc, new Y.Doc());
			ws.send(encoding.toUint8Array(enc));
			resolve();
		});
		ws.once('error', reject);
	});
	ws.on('message', (data: Buffer) => {
		const at = performance.now();
		for (const [marker, bytes] of markers()) {
			if (!got.has(marker) && data.includes(bytes)) {
				got.add(marker);
				seen.get(marker)?.push(at);
			}
		}
	});
	return { ready, close: () => ws.close() };
}

async function fanOut(app: RunningApp, db: Db, clients: number) {
	const s = await seed(db, clients, `Fan-out ${clients}`);
	const seen = new Map<string, number[]>();
	const live = new Map<string, Buffer>();
	const listeners = s.participants.map((p) => lightListener(app, `table:${s.tableId}`, p.token, seen, () => live));
	await Promise.all(listeners.map((l) => l.ready));
	await new Promise((r) => setTimeout(r, 500));
	const cpuBefore = process.cpuUsage();
	const sent = new Map<string, number>();
	const total = RATE * SECONDS;
	for (let i = 0; i < total; i++) {
		const marker = `m${i}x${crypto.randomUUID().slice(0, 8)}`;
		live.set(marker, Buffer.from(marker));
		seen.set(marker, []);
		sent.set(marker, performance.now());
		void post(app, `/api/tables/${s.tableId}/cards`, s.participants[i % clients].token, { text: `Vraag ${marker}` });
		await new Promise((r) => setTimeout(r, 1000 / RATE));
	}
	const deadline = performance.now() + 10_000;
	while ([...seen.values()].some((t) => t.length < clients) && performance.now() < deadline) {
		await new Promise((r) => setTimeout(r, 50));
	}
	const everyone: number[] = [];
	let incomplete = 0;
	for (const [marker, times] of seen) {
		if (times.length < clients) incomplete++;
		else everyone.push(Math.max(...times) - sent.get(marker)!);
	}
	everyone.sort((a, b) => a - b);
	for (const l of listeners) l.close();
	const cpu = process.cpuUsage(cpuBefore);
	return {
		clients,
		changes: total,
		incomplete,
		p50: round(percentile(everyone, 50)),
		p95: round(percentile(everyone, 95)),
		p99: round(percentile(everyone, 99)),
		generatorCpuSeconds: round((cpu.user + cpu.system) / 1e6)
	};
}

async function voteBurst(app: RunningApp, db: Db) {
	const s = await seed(db, VOTERS, 'Stemronde');
	const cards: string[] = [];
	for (let i = 0; i < 12; i++) {
		const res = await fetch(`${app.url}/api/tables/${s.tableId}/cards`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: app.url, cookie: `denktafel_session=${s.facilitator}` },
			body: JSON.stringify({ commandId: crypto.randomUUID(), text: `Kernvraag ${i + 1}` })
		});
		cards.push(((await res.json()) as { card: { id: string } }).card.id);
	}
	await post(app, `/api/meetings/${s.meetingId}/board`, s.facilitator, {
		type: 'board.settings', voteBudget: BUDGET, votePerCardMax: null, talliesLive: true, lateCards: false, participantsChooseTable: true
	});
	await post(app, `/api/tables/${s.tableId}/commands`, s.facilitator, { type: 'phase.set', phase: 'vote' });
	const watcher = connectProvider(app.wsUrl, `table:${s.tableId}`, { token: s.facilitator, origin: app.url });
	await waitFor(() => watcher.provider.synced, 10_000, 'watcher sync');

	const commit: number[] = [];
	let accepted = 0;
	let refused = 0;
	const started = performance.now();
	// Each participant casts their dots one after another (a person clicks); all participants at once.
	await Promise.all(
		s.participants.map(async (p, i) => {
			for (let k = 0; k < BUDGET; k++) {
				const t0 = performance.now();
				const status = await post(app, `/api/tables/${s.tableId}/commands`, p.token, { type: 'vote.cast', cardId: cards[(i + k) % cards.length] });
				commit.push(performance.now() - t0);
				if (status === 200) accepted++;
				else refused++;
			}
		})
	);
	const seconds = (performance.now() - started) / 1000;
	commit.sort((a, b) => a - b);
	const inSql = Number(
		(await first(db.select({ n: sql<number>`coalesce(sum(${votes.dots}), 0)` }).from(votes).where(eq(votes.tableId, s.tableId))))?.n ?? 0
	);
	const docTotal = () => Array.from(boardCards(watcher.doc).values()).reduce((sum, c) => sum + (c.votes ?? 0), 0);
	await waitFor(() => docTotal() === inSql, 10_000, 'doc tallies').catch(() => {});
	const result = {
		voters: VOTERS,
		votes: VOTERS * BUDGET,
		accepted,
		refused,
		seconds: round(seconds),
		votesPerSecond: Math.round(accepted / seconds),
		commitP50: round(percentile(commit, 50)),
		commitP95: round(percentile(commit, 95)),
		lost: accepted - inSql,
		docEqualsSql: docTotal() === inSql
	};
	watcher.destroy();
	return result;
}

const data = tempDataDir();
const db = openDatabase(data.dbPath);
migrateDatabase(db);
const app = await startApp(data.dbPath, { DENKTAFEL_VERIFY_DOCS: '0', ...(process.env.BENCH_PROFILE ? { NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=' + process.env.BENCH_PROFILE } : {}) });
try {
	const fanout = [];
	for (const clients of CLIENT_COUNTS) {
		const r = await fanOut(app, db, clients);
		fanout.push(r);
		console.log(`fan-out ${clients} clients: p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, incomplete ${r.incomplete}/${r.changes}`);
	}
	const vote = await voteBurst(app, db);
	console.log(
		`vote burst: ${vote.accepted}/${vote.votes} accepted in ${vote.seconds} s (${vote.votesPerSecond}/s), commit p50 ${vote.commitP50} ms, p95 ${vote.commitP95} ms, lost ${vote.lost}, doc = SQL: ${vote.docEqualsSql}`
	);
	mkdirSync('bench/results', { recursive: true });
	writeFileSync(
		'bench/results/board-burst.json',
		JSON.stringify(
			{ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, quick, rate: RATE, seconds: SECONDS, fanout, vote },
			null,
			'\t'
		) + '\n'
	);
	console.log('written: bench/results/board-burst.json');
} finally {
	await app.stop();
	closeDatabase(db);
	data.remove();
}
