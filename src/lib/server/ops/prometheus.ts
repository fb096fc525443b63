import { LATENCY_BUCKETS, metricsState } from './metrics.ts';

// Prometheus text exposition format 0.0.4: HELP and TYPE once per metric family, then its samples.

const HELP: Record<string, [type: 'counter' | 'gauge', help: string]> = {
	denktafel_commands_total: ['counter', 'Commands committed, by type.'],
	denktafel_votes_total: ['counter', 'Dot votes cast (tables and plenary).'],
	denktafel_hub_frames_total: ['counter', 'WebSocket frames received from and sent to clients.'],
	denktafel_hub_frame_bytes_total: ['counter', 'Bytes in those frames.'],
	denktafel_hub_persisted_total: ['counter', 'Yjs updates and compacted snapshots written to SQLite.'],
	denktafel_hub_connections_opened_total: ['counter', 'WebSocket connections accepted into a room.'],
	denktafel_hub_connections_refused_total: ['counter', 'WebSocket upgrades refused, by close code.'],
	denktafel_http_requests_total: ['counter', 'HTTP requests answered, by status class.'],
	// Only with DENKTAFEL_VERIFY_DOCS=1 (the tests' check of docs against SQL, server/verify-docs.ts).
	denktafel_doc_checks_total: ['counter', 'Loaded rooms compared with SQL (tests only).'],
	denktafel_doc_mismatches_total: ['counter', 'Rooms whose doc differed from SQL at two quiet moments (tests only).']
};

export type Gauges = Record<string, { help: string; value: number }>;

export function renderPrometheus(gauges: Gauges): string {
	const lines: string[] = [];
	for (const [name, { help, value }] of Object.entries(gauges)) {
		lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${value}`);
	}
	const { counters, http } = metricsState();
	for (const [name, [type, help]] of Object.entries(HELP)) {
		lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
		const samples = [...counters].filter(([key]) => key === name || key.startsWith(`${name}{`));
		if (samples.length === 0) lines.push(`${name} 0`);
		for (const [key, value] of samples.sort(([a], [b]) => a.localeCompare(b))) lines.push(`${key} ${value}`);
	}
	const h = 'denktafel_http_request_duration_seconds';
	lines.push(`# HELP ${h} Time from request to response headers.`, `# TYPE ${h} histogram`);
	LATENCY_BUCKETS.forEach((le, i) => lines.push(`${h}_bucket{le="${le}"} ${http.buckets[i]}`));
	lines.push(`${h}_bucket{le="+Inf"} ${http.count}`, `${h}_sum ${http.sum.toFixed(6)}`, `${h}_count ${http.count}`);
	return lines.join('\n') + '\n';
}
