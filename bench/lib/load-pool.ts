// The harness's side of the load generator: one worker thread per core, clients dealt out evenly,
// and a tracker that joins the workers' reports into "this marker reached every client".
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ConnSpec, FromWorker, PartialSeen, ToWorker, VoteDoor, VoteJob } from './load-protocol.ts';

interface Seen {
	count: number;
	expected: number;
	maxAt: number;
	fullTimes: number[];
	reports: number;
}

type Reply<K extends FromWorker['op']> = Extract<FromWorker, { op: K }>;

export class LoadPool {
	#workers: Worker[];
	#next = 1;
	#waiting = new Map<number, (m: FromWorker) => void>();
	/** marker → what the workers reported so far */
	#seen = new Map<string, Seen>();
	#holders = new Map<string, number>();
	#roomWorkers = new Map<string, Set<number>>();
	/** session token → the thread holding that light client (ours), for its author's commands */
	#tokenWorkers = new Map<string, number>();

	constructor(threads = Math.max(2, availableParallelism())) {
		this.#workers = Array.from({ length: threads }, () => new Worker(new URL('./load-worker.ts', import.meta.url)));
		for (const w of this.#workers) {
			w.on('message', (m: FromWorker) => this.#receive(m));
			w.on('error', (e) => console.error('[load worker]', e));
		}
	}

	get threads() {
		return this.#workers.length;
	}

	#receive(m: FromWorker) {
		if (m.op === 'seen') {
			const s = this.#seen.get(m.marker);
			if (!s) return;
			s.count += m.count;
			s.maxAt = Math.max(s.maxAt, m.maxAt);
			s.fullTimes.push(...m.fullTimes);
			s.reports++;
			return;
		}
		const done = this.#waiting.get(m.id);
		this.#waiting.delete(m.id);
		done?.(m);
	}

	#ask<K extends FromWorker['op']>(worker: number, m: ToWorker & { id: number }): Promise<Reply<K>> {
		return new Promise((resolve) => {
			this.#waiting.set(m.id, resolve as (m: FromWorker) => void);
			this.#workers[worker].postMessage(m);
		});
	}

	#all<K extends FromWorker['op']>(make: (id: number, worker: number) => ToWorker & { id: number }): Promise<Reply<K>[]> {
		return Promise.all(this.#workers.map((_, i) => this.#ask<K>(i, make(this.#next++, i))));
	}

	/** Opens the clients, dealt round-robin over the threads; resolves to how many failed. */
	async open(conns: ConnSpec[]): Promise<number> {
		const shares: ConnSpec[][] = this.#workers.map(() => []);
		conns.forEach((c, i) => {
			const w = i % shares.length;
			shares[w].push(c);
			if (!this.#roomWorkers.has(c.room)) this.#roomWorkers.set(c.room, new Set());
			this.#roomWorkers.get(c.room)!.add(w);
			if (c.token && !c.full) this.#tokenWorkers.set(c.token, w);
		});
		const replies = await this.#all<'opened'>((id, w) => ({ op: 'open', id, conns: shares[w] }));
		return replies.reduce((n, r) => n + r.failed, 0);
	}

	/** Sends a command frame on the open light client of this session token (see ConnSpec.token). */
	command(token: string, command: Record<string, unknown>) {
		const w = this.#tokenWorkers.get(token);
		if (w === undefined) throw new Error('no light client holds that session token');
		this.#workers[w].postMessage({ op: 'command', token, command } satisfies ToWorker);
	}

	/** Starts looking for `marker` in the frames of every client of `room`. */
	watch(marker: string, room: string) {
		const holders = this.#roomWorkers.get(room) ?? new Set();
		this.#seen.set(marker, { count: 0, expected: 0, maxAt: 0, fullTimes: [], reports: 0 });
		this.#holders.set(marker, holders.size);
		for (const w of holders) this.#workers[w].postMessage({ op: 'watch', marker, room } satisfies ToWorker);
	}

	/** True when every thread holding the marker's room has seen it reach all its clients. */
	complete(marker: string): boolean {
		const s = this.#seen.get(marker);
		return !!s && s.reports >= (this.#holders.get(marker) ?? 0);
	}

	seen(marker: string): Seen | undefined {
		return this.#seen.get(marker);
	}

	/** Ends all watches; returns the markers that did not reach everyone, with their partial counts. */
	async flush(): Promise<PartialSeen[]> {
		const replies = await this.#all<'flushed'>((id) => ({ op: 'flush', id }));
		const partial = replies.flatMap((r) => r.partial);
		for (const p of partial) this.#seen.get(p.marker)?.fullTimes.push(...p.fullTimes);
		return partial;
	}

	forget() {
		this.#seen.clear();
		this.#holders.clear();
	}

	async presence(hz: number) {
		await this.#all<'ack'>((id) => ({ op: 'presence', id, hz }));
	}

	#voteShares(jobs: VoteJob[]): VoteJob[][] {
		const shares: VoteJob[][] = this.#workers.map(() => []);
		jobs.forEach((j, i) => shares[i % shares.length].push(j));
		return shares;
	}

	/** Opens every voter's table-room socket in the thread that will cast its votes; resolves to how many failed. */
	async openVoters(wsBase: string, origin: string, jobs: VoteJob[]): Promise<number> {
		const shares = this.#voteShares(jobs);
		const replies = await this.#all<'opened'>((id, w) => ({ op: 'voters', id, wsBase, origin, jobs: shares[w] }));
		return replies.reduce((n, r) => n + r.failed, 0);
	}

	/** Each thread casts its share of the jobs concurrently; returns every commit time and status. */
	async votes(httpUrl: string, jobs: VoteJob[], via: VoteDoor = 'http') {
		const shares = this.#voteShares(jobs);
		const replies = await this.#all<'voted'>((id, w) => ({ op: 'votes', id, httpUrl, jobs: shares[w], via }));
		const statuses: Record<string, number> = {};
		for (const r of replies) for (const [k, n] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + n;
		return { commits: replies.flatMap((r) => r.commits), statuses, resent: replies.reduce((n, r) => n + r.resent, 0) };
	}

	async stats() {
		const replies = await this.#all<'stats'>((id) => ({ op: 'stats', id }));
		return {
			clients: replies.reduce((n, r) => n + r.clients, 0),
			closed: replies.reduce((n, r) => n + r.closed, 0),
			frames: replies.reduce((n, r) => n + r.frames, 0),
			bytes: replies.reduce((n, r) => n + r.bytes, 0),
			/** the worst thread's p99 event-loop delay since the last call */
			generatorLagP99Ms: Math.max(...replies.map((r) => r.lagP99Ms))
		};
	}

	/** Closes every client (the pool stays usable for the next scenario). */
	async closeClients() {
		await this.#all<'ack'>((id) => ({ op: 'close', id }));
		this.#roomWorkers.clear();
		this.#tokenWorkers.clear();
		this.forget();
	}

	async destroy() {
		await Promise.all(this.#workers.map((w) => w.terminate()));
	}
}
