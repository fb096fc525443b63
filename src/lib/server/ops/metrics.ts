// Counters for /metrics, kept once per process on globalThis: the SvelteKit bundle and the Node-run
// hub in server/ each load their own copy of this module (DESIGN §2), and both must add to the same
// numbers. Plain TypeScript, no dependencies: the hub and the domain import it by relative path.

const KEY = Symbol.for('denktafel.metrics');

/** Upper bounds (seconds) of the HTTP latency histogram. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export interface MetricsState {
	/** `name` or `name{label="value"}` → count. */
	counters: Map<string, number>;
	http: { buckets: number[]; count: number; sum: number };
}

type Registry = { [KEY]?: MetricsState };

export function metricsState(): MetricsState {
	const registry = globalThis as Registry;
	registry[KEY] ??= {
		counters: new Map(),
		http: { buckets: LATENCY_BUCKETS.map(() => 0), count: 0, sum: 0 }
	};
	return registry[KEY];
}

// Label values come from our own code (command types, status classes), never from a request.
function counterKey(name: string, labels: Record<string, string>): string {
	const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`);
	return parts.length ? `${name}{${parts.join(',')}}` : name;
}

export function increment(name: string, labels: Record<string, string> = {}, by = 1): void {
	add(counterKey(name, labels), by);
}

function add(key: string, by: number): void {
	const counters = metricsState().counters;
	counters.set(key, (counters.get(key) ?? 0) + by);
}

/** A counter whose key is built once: for the hot paths (every frame the hub sends counts). */
function counter(name: string, labels: Record<string, string>): (by?: number) => void {
	const key = counterKey(name, labels);
	return (by = 1) => add(key, by);
}

const VOTES = new Set(['vote.cast', 'plenary.vote']);

// Per command type, its counter with the key built once: every command counts.
const commandCounters = new Map<string, () => void>();
const countVote = counter('denktafel_votes_total', {});

/** One command recorded in the command log (the choke point every command passes). */
export function countCommand(type: string): void {
	let count = commandCounters.get(type);
	if (!count) {
		count = counter('denktafel_commands_total', { type });
		commandCounters.set(type, count);
	}
	count();
	if (VOTES.has(type)) countVote();
}

const FRAME_COUNTERS = {
	in: { frames: counter('denktafel_hub_frames_total', { direction: 'in' }), bytes: counter('denktafel_hub_frame_bytes_total', { direction: 'in' }) },
	out: { frames: counter('denktafel_hub_frames_total', { direction: 'out' }), bytes: counter('denktafel_hub_frame_bytes_total', { direction: 'out' }) }
};

export function countFrame(direction: 'in' | 'out', bytes: number): void {
	FRAME_COUNTERS[direction].frames();
	FRAME_COUNTERS[direction].bytes(bytes);
}

/** A Yjs update (or a compacted snapshot) written to SQLite. */
export function countPersisted(kind: 'update' | 'snapshot'): void {
	increment('denktafel_hub_persisted_total', { kind });
}

export function observeHttp(status: number, seconds: number): void {
	increment('denktafel_http_requests_total', { status: `${Math.floor(status / 100)}xx` });
	const http = metricsState().http;
	http.count++;
	http.sum += seconds;
	LATENCY_BUCKETS.forEach((le, i) => {
		if (seconds <= le) http.buckets[i]++;
	});
}
