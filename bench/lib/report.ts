// The Markdown table of a run (bench/results/latest.md): machine, Node, date, each figure of ours
// beside the reference's with the ratio, and the aims of issue #7 met or not.
import type { FanoutResult } from '../scenarios/fanout.ts';
import type { PresenceResult } from '../scenarios/presence.ts';
import type { VoteResult } from '../scenarios/votes.ts';
import type { IdleResult } from '../scenarios/idle.ts';
import type { Aim } from './aims.ts';
import { succeeded } from './stats.ts';

type Num = number | null | undefined;
const f = (n: Num, unit = '') => (n === null || n === undefined ? '–' : `${n}${unit}`);
const ratio = (ours: Num, ref: Num) => (typeof ours === 'number' && typeof ref === 'number' && ref > 0 ? `${(ours / ref).toFixed(2)}×` : '–');
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

function fanoutRows(label: string, r: { ours: FanoutResult; reference: FanoutResult }): string[] {
	const { ours, reference: ref } = r;
	if (!succeeded(ours) || !succeeded(ref)) return [row([label, 'failed (see latest.json)', succeeded(ours) ? 'ran' : 'failed', succeeded(ref) ? 'ran' : 'failed', ''])];
	const line = (what: string, a: Num, b: Num, unit: string) => row([label, what, f(a, unit), f(b, unit), ratio(a, b)]);
	return [
		line('p50 action → everyone', ours.everyoneMs.p50, ref.everyoneMs.p50, ' ms'),
		line('p95 action → everyone', ours.everyoneMs.p95, ref.everyoneMs.p95, ' ms'),
		line('p99 action → everyone', ours.everyoneMs.p99, ref.everyoneMs.p99, ' ms'),
		line('p99 per full client', ours.fullClientMs.p99, ref.fullClientMs.p99, ' ms'),
		row([label, 'changes not reaching everyone', `${ours.incomplete}/${ours.changes}`, `${ref.incomplete}/${ref.changes}`, '']),
		line('server CPU (of one core)', ours.cpuPercent, ref.cpuPercent, ' %'),
		line('server RSS with the clients connected, before the changes', ours.rssStartMb, ref.rssStartMb, ' MB'),
		line('server RSS peak', ours.rssPeakMb, ref.rssPeakMb, ' MB'),
		line('CPU s per 1,000 deliveries', ours.cpuSecondsPer1000Deliveries, ref.cpuSecondsPer1000Deliveries, ' s'),
		line('load generator: worst thread p99 event-loop delay', ours.generatorLagP99Ms, ref.generatorLagP99Ms, ' ms')
	];
}

export function writeMarkdown(out: {
	date: string;
	durationSeconds: number;
	quick: boolean;
	machine: { cpuModel: string; cores: number; memoryGb: number; os: string; loadAverageBefore: number[]; loadAverageAfter: number[] };
	node: string;
	loadThreads: number;
	reference: string;
	config?: unknown;
	results: Record<string, unknown>;
	aims: Aim[];
}): string {
	const r = out.results;
	const lines: string[] = [
		`# Benchmark results${out.quick ? ' (quick run)' : ''}`,
		'',
		`- Date: ${out.date} (run took ${out.durationSeconds} s)`,
		`- Machine: ${out.machine.cpuModel}, ${out.machine.cores} cores, ${out.machine.memoryGb} GB, ${out.machine.os}; load generator in ${out.loadThreads} worker threads on the same machine`,
		`- Load average before/after: ${out.machine.loadAverageBefore.join(' ')} / ${out.machine.loadAverageAfter.join(' ')} (the cores were shared with other work during this run; figures are indicative)`,
		`- Node ${out.node}; reference: ${out.reference}`,
		'- Ours measures the whole path: command over HTTP, checks, SQL commit, doc write, fan-out. The reference: a stock client writes into the doc, the server relays it.',
		'- CPU and RSS come from each server process\'s own accounting (/proc/<pid>/stat and status).',
		'',
		'## Aims of issue #7',
		'',
		row(['aim', 'measured', 'met']),
		row(['---', '---', '---']),
		...out.aims.map((a) => row([a.aim, a.measured, a.met === null ? 'not run' : a.met ? 'yes' : 'no'])),
		''
	];
	const fanout = (r.fanout as Array<{ ours: FanoutResult; reference: FanoutResult }> | undefined) ?? [];
	if (fanout.length || r.manyRooms) {
		lines.push('## 1–2. Board fan-out', '', row(['scenario', 'figure', 'ours', 'reference', 'ours / reference']), row(['---', '---', '---', '---', '---']));
		const sizes = (r.fanoutSizes as number[] | undefined) ?? [];
		fanout.forEach((run, i) => lines.push(...fanoutRows(`1 room × ${succeeded(run.ours) ? run.ours.clients : sizes[i]} clients`, run)));
		const many = r.manyRooms as { ours: FanoutResult; reference: FanoutResult } | undefined;
		if (many) lines.push(...fanoutRows(`many rooms${succeeded(many.ours) ? `: ${many.ours.tables} × ${many.ours.clients / many.ours.tables}` : ''}`, many));
		lines.push('');
	}
	const presenceNotes: string[] = [];
	const grace = ((out.config as { presence?: { graceMs?: number } } | undefined)?.presence?.graceMs ?? 0) / 1000;
	const presence = r.presence as { ours: PresenceResult[]; reference: PresenceResult[] } | undefined;
	if (presence) {
		lines.push(
			'## 3. Presence storm (every client changes its presence at 2 Hz)',
			'',
			row(['server', 'clients', 'p50 seen', 'p95 seen', 'p99 seen', 'never seen (sampled changes)', 'frames per client per s', 'server CPU', 'RSS peak', 'server still up', 'generator p99 loop delay']),
			row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---', '---'])
		);
		presenceNotes.push(
			'"Seen": a sampled sender (a stock client) changes its presence; an observer (a stock client) sees it when the sender\'s own state',
			'with that change arrives, or, in a room whose presence is bounded, when the next server-written counts entry arrives.',
			'"Never seen": not seen within the grace period after the storm; a percentile that falls among them shows as "never".',
			'Light clients send presence from the generator threads; percentiles are of the changes that were seen.',
			''
		);
		for (const p of [...presence.ours, ...presence.reference].filter(succeeded)) {
			// A percentile that falls among the never-seen changes is not a time: show it as such.
			const pct = (q: number, v: Num) => (p.neverSeen > (1 - q) * p.sampledChanges ? `never (> ${grace} s)` : f(v, ' ms'));
			lines.push(row([p.server, p.clients, pct(0.5, p.seenMs.p50), pct(0.95, p.seenMs.p95), pct(0.99, p.seenMs.p99), `${p.neverSeen}/${p.sampledChanges}`, f(p.framesPerClientPerSecond), f(p.cpuPercent, ' %'), f(p.rssPeakMb, ' MB'), p.serverAlive ? 'yes' : 'no', f(p.generatorLagP99Ms, ' ms')]));
		}
		lines.push('', ...presenceNotes);
	}
	const votes = r.votes as VoteResult | undefined;
	if (votes && !succeeded(votes)) lines.push('## 4. Vote burst', '', 'Failed; see latest.json.', '');
	if (votes && succeeded(votes)) {
		lines.push(
			'## 4. Vote burst (ours only: the reference has no server-decided votes)',
			'',
			row(['voters × budget', 'accepted', 'seconds', 'votes/s', 'commit p50', 'commit p95', 'lost', 'doc tallies = SQL', 'server CPU s', 'RSS peak']),
			row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---']),
			...((r.voteRuns as VoteResult[] | undefined) ?? [votes]).filter(succeeded).map((run) =>
				row([`${run.voters} × ${run.budget}${sameRun(run, votes) ? ' (median)' : ''}`, run.accepted, f(run.seconds), f(run.votesPerSecond), f(run.commitMs.p50, ' ms'), f(run.commitMs.p95, ' ms'), run.lost, run.docEqualsSql ? 'yes' : 'no', f(run.cpuSeconds), f(run.rssPeakMb, ' MB')])
			),
			'',
			'Each burst runs on a fresh app; the aim is judged on the median burst.',
			''
		);
	}
	for (const [key, title] of [['pollBurst', '5a. Poll burst (bench/poll-burst.ts)'], ['reportBuild', '5b. Report build (bench/report-build.ts)']] as const) {
		const c = r[key] as { ran: boolean; ok?: boolean; reason?: string; results?: Record<string, unknown> } | undefined;
		if (!c) continue;
		lines.push(`## ${title}`, '');
		if (!c.ran) lines.push(`Not run: ${c.reason}.`, '');
		else if (!c.ok) lines.push('The script failed; see latest.json.', '');
		else {
			const figures = (c.results?.figures as Record<string, unknown> | undefined) ?? c.results ?? {};
			lines.push(row(['figure', 'value']), row(['---', '---']));
			for (const [k, v] of Object.entries(figures)) if (!['date', 'node', 'cpus', 'cpuModel'].includes(k)) lines.push(row([k, typeof v === 'object' ? JSON.stringify(v) : String(v)]));
			lines.push('');
		}
	}
	const idle = r.idle as { ours: IdleResult; reference: IdleResult } | undefined;
	if (idle && !(succeeded(idle.ours) && succeeded(idle.reference))) lines.push('## 6. Idle cost', '', 'Failed; see latest.json.', '');
	if (idle && succeeded(idle.ours) && succeeded(idle.reference)) {
		const { ours, reference: ref } = idle;
		lines.push(
			`## 6. Idle cost (${ours.clients} idle connections, ${ours.seconds} s)`,
			'',
			row(['figure', 'ours', 'reference', 'ours / reference']),
			row(['---', '---', '---', '---']),
			row(['RSS', f(ours.rssMb, ' MB'), f(ref.rssMb, ' MB'), ratio(ours.rssMb, ref.rssMb)]),
			row(['RSS per connection', f(ours.kbPerConnection, ' KB'), f(ref.kbPerConnection, ' KB'), ratio(ours.kbPerConnection, ref.kbPerConnection)]),
			row(['server CPU (of one core)', f(ours.cpuPercent, ' %'), f(ref.cpuPercent, ' %'), ratio(ours.cpuPercent, ref.cpuPercent)]),
			''
		);
	}
	return lines.join('\n');
}

/** The same burst, also after a round trip through latest.json. */
function sameRun(a: VoteResult, b: VoteResult): boolean {
	return a.seconds === b.seconds && a.cpuSeconds === b.cpuSeconds && a.commitMs.p50 === b.commitMs.p50;
}
