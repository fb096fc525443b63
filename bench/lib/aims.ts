// The aims of issues #7 and #18, judged from the measured figures. In a quick run the sizes are smaller
// than the aims name, so each verdict says it was judged at the quick size. #18 replaced #7's "CPU per
// 1,000 deliveries ≤ 1.2× the relay's" by "≤ the peer's (Hocuspocus) and ≤ 1.5× the relay's".
import type { FanoutResult } from '../scenarios/fanout.ts';
import type { PresenceResult } from '../scenarios/presence.ts';
import type { VoteResult } from '../scenarios/votes.ts';
import type { IdleResult } from '../scenarios/idle.ts';
import type { HostileResult } from '../scenarios/hostile.ts';
import { round, succeeded } from './stats.ts';

export interface Aim {
	aim: string;
	measured: string;
	met: boolean | null;
}

type Results = Record<string, unknown>;
/** One scenario's result per server; a server not chosen for the run is absent. */
type PerServer = { ours?: FanoutResult; reference?: FanoutResult; hocuspocus?: FanoutResult };
type Side = keyof PerServer;

const largest = <T extends { clients: number }>(list: T[]) => list.reduce<T | undefined>((a, b) => (!a || b.clients > a.clients ? b : a), undefined);

export function assessAims(results: Results, quick: boolean): Aim[] {
	const at = quick ? ' (quick run: judged at the quick size)' : '';
	const aims: Aim[] = [];
	const fanout = (results.fanout as PerServer[] | undefined) ?? [];
	const big = largest(fanout.map((r) => r.ours).filter(succeeded));
	aims.push({
		aim: `1,000 clients in one room: p99 action-to-everyone < 100 ms${at}`,
		measured: big ? `${big.clients} clients: p99 ${big.everyoneMs.p99} ms, ${big.incomplete} of ${big.changes} not reaching everyone` : 'not run',
		met: big ? big.everyoneMs.p99 !== null && big.everyoneMs.p99 < 100 && big.incomplete === 0 : null
	});
	const presence = ((results.presence as { ours: PresenceResult[] } | undefined)?.ours ?? []).filter(succeeded);
	const storm = largest(presence);
	aims.push({
		aim: `presence of 1,000 clients at 2 Hz: p99 < 250 ms${at}`,
		measured: storm ? `${storm.clients} clients: p99 ${storm.seenMs.p99} ms, ${storm.neverSeen} changes never seen` : 'not run',
		met: storm ? storm.seenMs.p99 !== null && storm.seenMs.p99 < 250 && storm.neverSeen === 0 : null
	});
	const votes = succeeded(results.votes as VoteResult | undefined) ? (results.votes as VoteResult) : undefined;
	aims.push({
		aim: `3,000 votes committed in under 3 s, none lost${at}`,
		measured: votes
			? `${votes.accepted} of ${votes.votes} in ${votes.seconds} s${burstTimes(results.voteRuns)}, ${votes.lost} lost, doc = SQL: ${votes.docEqualsSql}`
			: 'not run',
		met: votes ? votes.seconds !== null && votes.seconds < 3 && votes.lost === 0 && votes.accepted === votes.votes && votes.docEqualsSql : null
	});
	const idleRun = (results.idle as { ours: IdleResult } | undefined)?.ours;
	const idle = succeeded(idleRun) ? idleRun : undefined;
	const rss = [big?.rssPeakMb, idle?.rssMb].filter((v): v is number => typeof v === 'number');
	aims.push({
		aim: `under 300 MB RSS at 1,000 connections${at}`,
		measured: rss.length ? `peak ${Math.max(...rss)} MB (fan-out ${big?.clients ?? '-'} clients: ${big?.rssPeakMb ?? '-'} MB; ${idle?.clients ?? '-'} idle: ${idle?.rssMb ?? '-'} MB)` : 'not run',
		met: rss.length ? Math.max(...rss) < 300 : null
	});
	const many = results.manyRooms as PerServer | undefined;
	aims.push(...peerAims(fanout, many, at));
	aims.push(hostileAim(results.hostile, at));
	return aims;
}

/** The aim of #15: one hostile participant does not slow the room or the health check. */
function hostileAim(run: unknown, at: string): Aim {
	const hostile = succeeded(run as HostileResult | undefined) ? (run as HostileResult) : undefined;
	return {
		aim: `one participant flooding sync and commands from 8 sockets: the room of 100 keeps p99 < 100 ms, /healthz p99 < 100 ms${at}`,
		measured: hostile
			? `${hostile.clients} clients: p99 ${hostile.flooded.everyoneMs.p99} ms (quiet ${hostile.quiet.everyoneMs.p99} ms), /healthz p99 ${hostile.flooded.healthzMs.p99} ms, flooder's CPU share ${hostile.flooderCpuShare}`
			: 'not run',
		met: hostile
			? hostile.flooded.everyoneMs.p99 !== null && hostile.flooded.everyoneMs.p99 < 100 && hostile.flooded.healthzMs.p99 !== null && hostile.flooded.healthzMs.p99 < 100 && hostile.flooded.incomplete === 0
			: null
	};
}

/** CPU seconds per 1,000 deliveries of one server over some runs together; NaN unless it ran in all. */
function per1000(runs: PerServer[], side: Side): number {
	const mine = runs.map((r) => r[side]);
	if (!mine.length || !mine.every(succeeded)) return NaN;
	const cpu = mine.reduce((n, r) => n + (r!.cpuSeconds ?? 0), 0);
	const deliveries = mine.reduce((n, r) => n + r!.deliveries, 0);
	return deliveries ? cpu / (deliveries / 1000) : NaN;
}

/** The aims of #18: ours against the peer (Hocuspocus) and the relay in scenarios 1 and 2. */
function peerAims(fanout: PerServer[], many: PerServer | undefined, at: string): Aim[] {
	const aims: Aim[] = [];
	const cpuAim = (aim: string, runs: PerServer[], other: Side, factor: number) => {
		const ours = per1000(runs, 'ours');
		const theirs = per1000(runs, other);
		const ran = Number.isFinite(ours) && Number.isFinite(theirs);
		aims.push({
			aim: aim + at,
			measured: ran ? `ours ${round(ours, 4)} s, ${label(other)} ${round(theirs, 4)} s: ${round(ours / theirs, 2)}×` : 'not run',
			met: ran ? ours <= factor * theirs : null
		});
	};
	cpuAim('server CPU per 1,000 deliveries ≤ Hocuspocus\' in the one-room scenario (all its sizes together)', fanout, 'hocuspocus', 1);
	cpuAim('server CPU per 1,000 deliveries ≤ Hocuspocus\' in the many-rooms scenario', many ? [many] : [], 'hocuspocus', 1);
	cpuAim('server CPU per 1,000 deliveries ≤ 1.5× the relay\'s (scenarios 1 and 2 together)', [...fanout, ...(many ? [many] : [])], 'reference', 1.5);
	const scenarios = [...fanout.map((r) => ({ r, name: `${r.ours?.clients ?? r.hocuspocus?.clients ?? '?'} in one room` })), ...(many ? [{ r: many, name: 'many rooms' }] : [])];
	const compared = scenarios.filter(({ r }) => succeeded(r.ours) && succeeded(r.hocuspocus));
	const p99 = (f: FanoutResult | undefined) => (f && f.incomplete === 0 ? f.everyoneMs.p99 : null);
	const fails = compared.filter(({ r }) => p99(r.ours) === null || (p99(r.hocuspocus) !== null && p99(r.ours)! > p99(r.hocuspocus)!));
	aims.push({
		aim: `action-to-everyone p99 ≤ Hocuspocus' in every fan-out scenario${at}`,
		measured: compared.length
			? compared.map(({ r, name }) => `${name}: ${r.ours!.everyoneMs.p99} vs ${r.hocuspocus!.everyoneMs.p99} ms`).join('; ') +
				(compared.length < scenarios.length ? ` (${scenarios.length - compared.length} scenario(s) without both)` : '')
			: 'not run',
		met: compared.length ? fails.length === 0 && compared.length === scenarios.length : null
	});
	return aims;
}

const label = (side: Side) => ({ ours: 'ours', reference: 'relay', hocuspocus: 'Hocuspocus' })[side];

/** " (median of 2.4, 3.1, 3.9 s)" when the burst ran more than once. */
function burstTimes(runs: unknown): string {
	if (!Array.isArray(runs) || runs.length < 2) return '';
	const times = runs.map((r: { seconds?: number }) => (typeof r.seconds === 'number' ? `${r.seconds}` : 'failed'));
	return ` (median of ${times.join(', ')} s)`;
}
