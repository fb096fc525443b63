// The two-process section of latest.md: scenario 2's load on two processes (bench/scenarios/two-process.ts,
// run as a child) beside ours on one process from the same run, when that ran too.
import type { FanoutResult } from '../scenarios/fanout.ts';
import type { TwoProcessRun } from '../scenarios/two-process.ts';
import { succeeded } from './stats.ts';

type Child = { ran: boolean; ok?: boolean; reason?: string; results?: unknown } | undefined;
type Num = number | null | undefined;
const f = (n: Num, unit: string) => (n === null || n === undefined ? '–' : `${n}${unit}`);
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

export function twoProcessLines(results: Record<string, unknown>): string[] {
	const child = results.twoProcess as Child;
	if (!child) return [];
	const title = '## 2b. Many rooms on two processes (PostgreSQL + Redis, issue #17)';
	if (!child.ran) return [title, '', `Not run: ${child.reason}.`, ''];
	if (!child.ok) return [title, '', 'The script failed; see latest.json.', ''];
	const run = child.results as TwoProcessRun;
	const two = run.result;
	const oneRun = (results.manyRooms as { ours?: FanoutResult | { failed: string } } | undefined)?.ours;
	const one = succeeded(oneRun) ? oneRun : undefined;
	const line = (what: string, a: string, b: string) => row([what, a, b]);
	const perProcess = (get: (p: TwoProcessRun['result']['perProcess'][number]) => Num, unit: string) =>
		two.perProcess.map((p) => f(get(p), unit)).join(' + ');
	const o = run.options;
	return [
		title,
		'',
		`${o.meetings} meetings × ${o.tablesPerMeeting} tables × ${o.clientsPerTable} clients (${two.clients} clients, ${o.rate} cards a second for ${o.seconds} s), ` +
			`each meeting on one of two processes (${two.perProcess.map((p) => p.meetings).join(' and ')} meetings), as the proxy's hash on the meeting id places them; ` +
			'the clients connect straight to their meeting\'s process. One PostgreSQL 15 and one Redis on the same machine. ' +
			`Beside it: ours on one process and one SQLite file (scenario 2, the same tables and clients in one meeting). The two-process run: ${run.date}${run.quick ? ' (quick)' : ''}.`,
		'',
		row(['figure', 'one process, SQLite', 'two processes, PostgreSQL + Redis']),
		row(['---', '---', '---']),
		line('p50 action → everyone', f(one?.everyoneMs.p50, ' ms'), f(two.everyoneMs.p50, ' ms')),
		line('p95 action → everyone', f(one?.everyoneMs.p95, ' ms'), f(two.everyoneMs.p95, ' ms')),
		line('p99 action → everyone', f(one?.everyoneMs.p99, ' ms'), f(two.everyoneMs.p99, ' ms')),
		line('p50 / p99 command answered (committed)', '–', `${f(two.commandMs?.p50, ' ms')} / ${f(two.commandMs?.p99, ' ms')}`),
		line('p99 per full client', f(one?.fullClientMs.p99, ' ms'), f(two.fullClientMs.p99, ' ms')),
		line('changes not reaching everyone', one ? `${one.incomplete}/${one.changes}` : '–', `${two.incomplete}/${two.changes}`),
		line('server CPU (of one core)', f(one?.cpuPercent, ' %'), `${perProcess((p) => p.cpuPercent, ' %')} = ${f(two.cpuPercent, ' %')}`),
		line('PostgreSQL CPU (of one core; its postmaster and backends)', '– (no PostgreSQL)', f(two.postgresCpuPercent, ' %')),
		line('server RSS peak', f(one?.rssPeakMb, ' MB'), `${perProcess((p) => p.rssPeakMb, ' MB')}`),
		line('CPU s per 1,000 deliveries', f(one?.cpuSecondsPer1000Deliveries, ' s'), f(two.cpuSecondsPer1000Deliveries, ' s')),
		line('load generator: worst thread p99 event-loop delay', f(one?.generatorLagP99Ms, ' ms'), f(two.generatorLagP99Ms, ' ms')),
		'',
		'The one-process column is scenario 2 of this run (its load average is at the top); the two-process run may come from another time ' +
			'(its date is above, its load average below): compare like with like through `npm run bench:two-process -- --processes 1` and `-- --sqlite`. ' +
			`Redis's own CPU is not counted (it carries small hints only). Load average before/after the two-process run: ${run.machine.loadAverageBefore.join(' ')} / ${run.machine.loadAverageAfter.join(' ')}.`,
		''
	];
}
