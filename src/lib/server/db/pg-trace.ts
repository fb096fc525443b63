import { AsyncLocalStorage } from 'node:async_hooks';
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

// A measuring aid for PostgreSQL's command path (issue #17), off unless DENKTAFEL_PG_TRACE names a file:
// then every two seconds this process writes there how long transactions waited for a pooled
// connection and for their meeting's lock, how many round trips each made and how long each took, and
// the event loop's delay. It costs a few clock reads per query when on and nothing when off. The
// benchmark (bench:two-process) passes the variable through to the app processes it starts.
//
// Kept on globalThis: the SvelteKit bundle and the Node-run hub each hold a copy of this module, and
// one process must count into one place and write one file.

type Kind = 'write' | 'read';

interface TxRecord {
	kind: Kind;
	queries: number;
}

class Samples {
	readonly values: number[] = [];
	add(value: number): void {
		this.values.push(value);
	}
	summary() {
		const sorted = [...this.values].sort((a, b) => a - b);
		const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN);
		const sum = sorted.reduce((s, v) => s + v, 0);
		return { count: sorted.length, mean: round(sum / Math.max(1, sorted.length)), p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
	}
}

const round = (n: number) => Math.round(n * 100) / 100;

interface Trace {
	file: string;
	store: AsyncLocalStorage<TxRecord>;
	poolWaitMs: Samples;
	/** Requests that found every connection lent out (they queued in the pool). */
	poolQueued: number;
	maxPoolWaiting: number;
	lockWaitMs: Samples;
	/** Waits for a meeting's turn in this process (db/scope-turns.ts), before asking the pool. */
	turnWaitMs: Samples;
	/** The slowest write transaction (turn included) that ended in each second, to tell a stall from a queue. */
	slowestBySecond: Map<number, number>;
	writeTxMs: Samples;
	writeTxQueries: Samples;
	readTxMs: Samples;
	readTxQueries: Samples;
	/** Queries outside any transaction of ours (the doc store, plain reads). */
	plainQueries: number;
	/** Counts by the start of the statement's text, to tell where round trips come from. */
	byText: Map<string, number>;
	loop: ReturnType<typeof monitorEventLoopDelay>;
}

const KEY = Symbol.for('denktafel.pgTrace');
type Registry = { [KEY]?: Trace | null };

function trace(): Trace | null {
	const registry = globalThis as Registry;
	if (registry[KEY] !== undefined) return registry[KEY];
	const file = process.env.DENKTAFEL_PG_TRACE;
	if (!file) return (registry[KEY] = null);
	const loop = monitorEventLoopDelay({ resolution: 10 });
	loop.enable();
	const t: Trace = {
		file,
		store: new AsyncLocalStorage(),
		poolWaitMs: new Samples(),
		poolQueued: 0,
		maxPoolWaiting: 0,
		lockWaitMs: new Samples(),
		turnWaitMs: new Samples(),
		slowestBySecond: new Map(),
		writeTxMs: new Samples(),
		writeTxQueries: new Samples(),
		readTxMs: new Samples(),
		readTxQueries: new Samples(),
		plainQueries: 0,
		byText: new Map(),
		loop
	};
	setInterval(() => writeTrace(t), 2000).unref();
	return (registry[KEY] = t);
}

function writeTrace(t: Trace): void {
	const ms = (ns: number) => round(ns / 1e6);
	const report = {
		pid: process.pid,
		at: new Date().toISOString(),
		poolWaitMs: t.poolWaitMs.summary(),
		poolQueued: t.poolQueued,
		maxPoolWaiting: t.maxPoolWaiting,
		lockWaitMs: t.lockWaitMs.summary(),
		turnWaitMs: t.turnWaitMs.summary(),
		slowestBySecond: [...t.slowestBySecond].map(([second, ms]) => `${second}:${Math.round(ms)}`).join(' '),
		writeTxMs: t.writeTxMs.summary(),
		writeTxQueries: t.writeTxQueries.summary(),
		readTxMs: t.readTxMs.summary(),
		readTxQueries: t.readTxQueries.summary(),
		plainQueries: t.plainQueries,
		topStatements: [...t.byText].sort((a, b) => b[1] - a[1]).slice(0, 30),
		eventLoopDelayMs: { p50: ms(t.loop.percentile(50)), p99: ms(t.loop.percentile(99)), max: ms(t.loop.max) }
	};
	try {
		writeFileSync(t.file.replace('%p', String(process.pid)), JSON.stringify(report, null, '\t') + '\n');
	} catch {
		// A measuring aid must never take the app down.
	}
}

/** True when tracing is on (DENKTAFEL_PG_TRACE set). */
export function tracingPg(): boolean {
	return trace() !== null;
}

/** Runs one transaction of ours under a record that counts its round trips and times it. */
export async function tracedTransaction<T>(kind: Kind, run: () => Promise<T>): Promise<T> {
	const t = trace();
	if (!t) return run();
	const record: TxRecord = { kind, queries: 0 };
	const start = performance.now();
	try {
		return await t.store.run(record, run);
	} finally {
		(kind === 'write' ? t.writeTxMs : t.readTxMs).add(performance.now() - start);
		(kind === 'write' ? t.writeTxQueries : t.readTxQueries).add(record.queries);
	}
}

/** Times a command's wait for its meeting's turn, and the command with it. */
export async function tracedTurn<T>(queue: (work: () => Promise<T>) => Promise<T>, work: () => Promise<T>): Promise<T> {
	const t = trace();
	if (!t) return queue(work);
	const start = performance.now();
	try {
		return await queue(() => {
			t.turnWaitMs.add(performance.now() - start);
			return work();
		});
	} finally {
		const second = Math.floor(Date.now() / 1000) % 100_000;
		t.slowestBySecond.set(second, Math.max(t.slowestBySecond.get(second) ?? 0, performance.now() - start));
	}
}

/** Times a wait for a meeting's advisory lock. */
export async function tracedLock<T>(run: () => Promise<T>): Promise<T> {
	const t = trace();
	if (!t) return run();
	const start = performance.now();
	try {
		return await run();
	} finally {
		t.lockWaitMs.add(performance.now() - start);
	}
}

interface PoolLike {
	connect: (...args: never[]) => unknown;
	waitingCount: number;
	idleCount: number;
	totalCount: number;
	options: { max?: number };
	on(event: 'connect', listener: (client: { query: (...args: never[]) => unknown }) => void): unknown;
}

/** Counts a node-postgres pool's waits for a connection and every query its connections run. */
export function tracePool(pool: PoolLike): void {
	const t = trace();
	if (!t) return;
	const connect = pool.connect.bind(pool) as (cb?: (...args: unknown[]) => void) => unknown;
	pool.connect = ((cb?: (...args: unknown[]) => void) => {
		const start = performance.now();
		const full = pool.idleCount === 0 && pool.totalCount >= (pool.options.max ?? 10);
		if (full) t.poolQueued++;
		t.maxPoolWaiting = Math.max(t.maxPoolWaiting, pool.waitingCount + (full ? 1 : 0));
		const done = () => t.poolWaitMs.add(performance.now() - start);
		if (cb) {
			return connect((...args: unknown[]) => {
				done();
				cb(...args);
			});
		}
		return (connect() as Promise<unknown>).then((client) => {
			done();
			return client;
		});
	}) as PoolLike['connect'];
	pool.on('connect', (client) => {
		const query = client.query.bind(client) as (...args: unknown[]) => unknown;
		client.query = ((...args: unknown[]) => {
			const record = t.store.getStore();
			if (record) record.queries++;
			else t.plainQueries++;
			const first = args[0] as string | { text?: string } | undefined;
			const text = `${record ? record.kind : 'plain'}: ${(typeof first === 'string' ? first : (first?.text ?? '?')).slice(0, 90)}`;
			t.byText.set(text, (t.byText.get(text) ?? 0) + 1);
			return query(...args);
		}) as typeof client.query;
	});
}
