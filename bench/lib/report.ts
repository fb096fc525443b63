// The Markdown table of a run (bench/results/latest.md): machine, Node, date, each figure of ours
// beside the peer's (Hocuspocus) and the relay's with the ratios, and the aims of #7 and #18 met or not.
// A server left out of the run (`--servers`), or absent from an older latest.json, shows as "not run".
import type { FanoutResult } from '../scenarios/fanout.ts';
import type { PresenceResult } from '../scenarios/presence.ts';
import type { VoteResult } from '../scenarios/votes.ts';
import type { IdleResult } from '../scenarios/idle.ts';
import type { Aim } from './aims.ts';
import { succeeded } from './stats.ts';
import { twoProcessLines } from './two-process-report.ts';

type Num = number | null | undefined;
const f = (n: Num, unit = '') => (n === null || n === undefined ? '–' : `${n}${unit}`);
const ratio = (ours: Num, ref: Num) => (typeof ours === 'number' && typeof ref === 'number' && ref > 0 ? `${(ours / ref).toFixed(2)}×` : '–');
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

type PerServer<T> = { ours?: T; hocuspocus?: T; reference?: T };
const SIDES = ['ours', 'hocuspocus', 'reference'] as const;
/** The figure columns of every side-by-side table. */
const HEAD = ['ours', 'Hocuspocus', 'relay', 'ours / Hocuspocus', 'ours / relay'];
const state = <T>(r: T | undefined) => (r === undefined ? 'not run' : succeeded(r) ? 'ran' : 'failed');

/** One figure of each side and ours' ratio to the two others; '–' where a side did not run. */
function sideBySide<T>(r: PerServer<T>, get: (x: T) => Num, unit: string): string[] {
	const v = SIDES.map((side) => (succeeded(r[side]) ? get(r[side] as T) : undefined));
	return [...v.map((x) => f(x, unit)), ratio(v[0], v[1]), ratio(v[0], v[2])];
}

function fanoutRows(label: string, r: PerServer<FanoutResult>): string[] {
	if (!SIDES.some((side) => succeeded(r[side]))) return [row([label, `failed or not run (ours ${state(r.ours)}, Hocuspocus ${state(r.hocuspocus)}, relay ${state(r.reference)})`, '', '', '', '', ''])];
	const line = (what: string, get: (x: FanoutResult) => Num, unit: string) => row([label, what, ...sideBySide(r, get, unit)]);
	const incomplete = (x: FanoutResult | undefined) => (succeeded(x) ? `${x.incomplete}/${x.changes}` : state(x));
	return [
		line('p50 action → everyone', (x) => x.everyoneMs.p50, ' ms'),
		line('p95 action → everyone', (x) => x.everyoneMs.p95, ' ms'),
		line('p99 action → everyone', (x) => x.everyoneMs.p99, ' ms'),
		line('p99 per full client', (x) => x.fullClientMs.p99, ' ms'),
		row([label, 'changes not reaching everyone', incomplete(r.ours), incomplete(r.hocuspocus), incomplete(r.reference), '', '']),
		line('server CPU (of one core)', (x) => x.cpuPercent, ' %'),
		line('server RSS with the clients connected, before the changes', (x) => x.rssStartMb, ' MB'),
		line('server RSS peak', (x) => x.rssPeakMb, ' MB'),
		line('CPU s per 1,000 deliveries', (x) => x.cpuSecondsPer1000Deliveries, ' s'),
		line('load generator: worst thread p99 event-loop delay', (x) => x.generatorLagP99Ms, ' ms')
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
	peer?: string;
	config?: unknown;
	/** the door of our fan-out cards (absent in runs before it was a choice: HTTP) */
	cardsVia?: string;
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
		`- Node ${out.node}`,
		`- Peer: ${out.peer ?? 'not part of this run'}`,
		`- Relay (the reference): ${out.reference}`,
		`- Ours measures the whole path: the card as a command ${out.cardsVia === 'socket' ? "frame on its author's room socket (as the browser sends it)" : 'over HTTP'}, checks every change on the server (session, phase, limits), commits it to SQL, then writes the doc, persists the update and fans it out, in that order.`,
		'- Hocuspocus persists and authenticates, but lets clients write into the doc unchecked: a stock client writes the card itself, Hocuspocus applies it, broadcasts it and stores the doc to SQLite about 2 s later (debounced). The relay only passes the update on, in memory, with no authentication.',
		'- CPU and RSS come from each server process\'s own accounting (/proc/<pid>/stat and status).',
		'',
		'## Aims of issues #7 and #18',
		'',
		row(['aim', 'measured', 'met']),
		row(['---', '---', '---']),
		...out.aims.map((a) => row([a.aim, a.measured, a.met === null ? 'not run' : a.met ? 'yes' : 'no'])),
		''
	];
	const fanout = (r.fanout as PerServer<FanoutResult>[] | undefined) ?? [];
	if (fanout.length || r.manyRooms) {
		lines.push('## 1–2. Board fan-out', '', row(['scenario', 'figure', ...HEAD]), row(['---', '---', ...HEAD.map(() => '---')]));
		const sizes = (r.fanoutSizes as number[] | undefined) ?? [];
		fanout.forEach((run, i) => lines.push(...fanoutRows(`1 room × ${sizes[i] ?? '?'} clients`, run)));
		const many = r.manyRooms as PerServer<FanoutResult> | undefined;
		const size = ((out.config as { manyRooms?: { tables: number; clientsPerTable: number } } | undefined)?.manyRooms);
		if (many) lines.push(...fanoutRows(`many rooms${size ? `: ${size.tables} × ${size.clientsPerTable}` : ''}`, many));
		lines.push('');
	}
	lines.push(...twoProcessLines(r));
	const presenceNotes: string[] = [];
	const grace = ((out.config as { presence?: { graceMs?: number } } | undefined)?.presence?.graceMs ?? 0) / 1000;
	const presence = r.presence as PerServer<PresenceResult[]> | undefined;
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
		for (const p of SIDES.flatMap((side) => presence[side] ?? []).filter(succeeded)) {
			// A percentile that falls among the never-seen changes is not a time: show it as such.
			const pct = (q: number, v: Num) => (p.neverSeen > (1 - q) * p.sampledChanges ? `never (> ${grace} s)` : f(v, ' ms'));
			lines.push(row([p.server === 'reference' ? 'relay' : p.server, p.clients, pct(0.5, p.seenMs.p50), pct(0.95, p.seenMs.p95), pct(0.99, p.seenMs.p99), `${p.neverSeen}/${p.sampledChanges}`, f(p.framesPerClientPerSecond), f(p.cpuPercent, ' %'), f(p.rssPeakMb, ' MB'), p.serverAlive ? 'yes' : 'no', f(p.generatorLagP99Ms, ' ms')]));
		}
		lines.push('', ...presenceNotes);
	}
	const votes = r.votes as VoteResult | undefined;
	if (votes && !succeeded(votes)) lines.push('## 4. Vote burst', '', 'Failed; see latest.json.', '');
	if (votes && succeeded(votes)) {
		lines.push(
			'## 4. Vote burst (ours only: neither Hocuspocus nor the relay has server-decided votes)',
			'',
			row(['voters × budget', 'accepted', 'seconds', 'votes/s', 'commit p50', 'commit p95', 'lost', 'doc tallies = SQL', 'server CPU s', 'RSS peak']),
			row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---']),
			...((r.voteRuns as VoteResult[] | undefined) ?? [votes]).filter(succeeded).map((run) =>
				row([`${run.voters} × ${run.budget}${run.via ? ` by ${run.via}` : ''}${sameRun(run, votes) ? ' (median)' : ''}`, run.accepted, f(run.seconds), f(run.votesPerSecond), f(run.commitMs.p50, ' ms'), f(run.commitMs.p95, ' ms'), run.lost, run.docEqualsSql ? 'yes' : 'no', f(run.cpuSeconds), f(run.rssPeakMb, ' MB')])
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
	const idle = r.idle as PerServer<IdleResult> | undefined;
	if (idle && !SIDES.some((side) => succeeded(idle[side]))) lines.push('## 6. Idle cost', '', 'Failed; see latest.json.', '');
	else if (idle) {
		const clients = SIDES.map((side) => idle[side]).find(succeeded);
		lines.push(
			`## 6. Idle cost (${clients?.clients ?? '?'} idle connections, ${clients?.seconds ?? '?'} s)`,
			'',
			row(['figure', ...HEAD]),
			row(['---', ...HEAD.map(() => '---')]),
			row(['RSS', ...sideBySide(idle, (x) => x.rssMb, ' MB')]),
			row(['RSS per connection', ...sideBySide(idle, (x) => x.kbPerConnection, ' KB')]),
			row(['server CPU (of one core)', ...sideBySide(idle, (x) => x.cpuPercent, ' %')]),
			row(['connections closed by the server while idle', ...sideBySide(idle, (x) => x.closedWhileIdle, '')]),
			''
		);
	}
	return lines.join('\n');
}

/** The same burst, also after a round trip through latest.json. */
function sameRun(a: VoteResult, b: VoteResult): boolean {
	return a.seconds === b.seconds && a.cpuSeconds === b.cpuSeconds && a.commitMs.p50 === b.commitMs.p50;
}
