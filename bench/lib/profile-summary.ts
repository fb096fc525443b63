// `node bench/lib/profile-summary.ts <file.cpuprofile>… [--within <regex>] [--per <n>] [--top 25]`: a V8 CPU profile
// (from `--cpu-prof`, e.g. BENCH_PROFILE=<dir> npm run bench -- --only votes) as Markdown: the
// functions with the most self time, and the busy time grouped by what the server was doing.
// `--within` keeps the span from the first to the last sample whose stack holds a function (or file)
// matching the pattern, e.g. `castVote`: start-up and the quiet seconds around a burst then do not
// dilute it. `--per 3000` adds a column of time per unit (per vote, when 3,000 votes were cast).
import { readFileSync } from 'node:fs';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}
interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/**
 * What a sample was doing, judged from its whole stack: the first group (in this order) with a frame
 * on the stack wins, so SQL run by the hub's persistence counts as persistence, not as the command's
 * transaction. A sample that matches none is placed by its innermost frame that has a file.
 */
const SQL_LIBRARY = (f: CallFrame) => /\/node_modules\/(better-sqlite3|drizzle-orm)\//.test(f.url);
const PROJECTION = (f: CallFrame) => /^(projectChange|reconcileRoom)$/.test(f.functionName) || f.url.includes('project-change');
const STACK_GROUPS: Array<{ group: string; test: (stack: CallFrame[]) => boolean }> = [
	{ group: 'start-up (module loading)', test: (s) => s.some((f) => f.url.startsWith('node:internal/modules')) },
	{ group: 'persistence (hub stores the doc update)', test: (s) => s.some((f) => f.url.includes('/server/persistence/')) },
	{ group: 'fan-out (WebSocket sends)', test: (s) => s.some((f) => f.url.includes('/node_modules/ws/') || f.url.includes('/server/hub/connection.ts')) },
	// SQL under a projection only: the doc write that a projection runs once it has read (Yjs encoding
	// the update, handing it to the peers) is the doc write's, not the re-read's.
	{ group: 'hub: re-reads SQL for the change', test: (s) => s.some(PROJECTION) && s.some(SQL_LIBRARY) },
	{ group: 'hub: doc write (Yjs)', test: (s) => s.some((f) => PROJECTION(f) || f.url.includes('/server/hub/') || /\/node_modules\/(yjs|lib0|y-protocols)\//.test(f.url)) },
	{ group: 'session lookup', test: (s) => s.some((f) => /^(validateSessionToken|readSessionCookie|validateSession)$/.test(f.functionName)) },
	{ group: 'SQL transaction (command: reads, checks, writes, commit)', test: (s) => s.some(SQL_LIBRARY) }
];
const APP_CODE = 'app code (hooks, endpoint, command rules)';
const HTTP = 'HTTP and SvelteKit (parsing, Request/Response, routing)';

function innermostGroup(f: CallFrame): string | null {
	if (!f.url) return null;
	if (/\/node_modules\/@sveltejs\/|\/build\/(handler|index)\.js|\/build\/server\/index\.js/.test(f.url)) return HTTP;
	if (/\/build\/server\/|\/src\/|\/server\//.test(f.url)) return APP_CODE;
	if (/^node:|undici/.test(f.url)) return HTTP;
	return 'other libraries';
}

const SPECIAL = new Map([
	['(garbage collector)', 'garbage collection'],
	['(program)', 'V8 and native, unattributed'],
	['(idle)', 'idle']
]);

/** A frame's place, short: the package path under node_modules, or the path under the repository. */
export function where(f: CallFrame): string {
	if (!f.url) return '(native)';
	const path = f.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^\/work\/[^/]+\//, '');
	return `${path}:${f.lineNumber + 1}`;
}

export function summarize(profile: Profile, opts: { within?: RegExp; top?: number } = {}) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const stackOf = (id: number): CallFrame[] => {
		const frames: CallFrame[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at)!.callFrame);
		return frames; // innermost first
	};
	// Each sample's time is the delta to the next one (what V8's own tools show as self time).
	const times = profile.samples.map((_, i) => profile.timeDeltas[i + 1] ?? 0);
	let from = 0;
	let to = profile.samples.length - 1;
	if (opts.within) {
		const hits = profile.samples.map((id, i) => (stackOf(id).some((f) => opts.within!.test(f.functionName) || opts.within!.test(f.url)) ? i : -1)).filter((i) => i >= 0);
		if (hits.length === 0) throw new Error(`no sample has ${opts.within} on its stack`);
		from = hits[0];
		to = hits.at(-1)!;
	}
	const self = new Map<string, { name: string; where: string; us: number }>();
	const groups = new Map<string, number>();
	let span = 0;
	let busy = 0;
	for (let i = from; i <= to; i++) {
		const us = times[i];
		span += us;
		const stack = stackOf(profile.samples[i]);
		const leaf = stack[0];
		const special = SPECIAL.get(leaf.functionName);
		if (special === 'idle') continue;
		busy += us;
		const key = `${leaf.functionName}@${where(leaf)}`;
		const entry = self.get(key) ?? { name: leaf.functionName || '(anonymous)', where: where(leaf), us: 0 };
		entry.us += us;
		self.set(key, entry);
		const group =
			special ??
			STACK_GROUPS.find((g) => g.test(stack))?.group ??
			stack.map(innermostGroup).find((g) => g !== null) ??
			'other libraries';
		groups.set(group, (groups.get(group) ?? 0) + us);
	}
	return {
		spanMs: span / 1000,
		busyMs: busy / 1000,
		top: [...self.values()].sort((a, b) => b.us - a.us).slice(0, opts.top ?? 25).map((e) => ({ ...e, ms: e.us / 1000 })),
		groups: [...groups].sort((a, b) => b[1] - a[1]).map(([group, us]) => ({ group, ms: us / 1000 }))
	};
}

export function toMarkdown(s: ReturnType<typeof summarize>, per?: number): string {
	const pct = (ms: number) => `${((100 * ms) / s.busyMs).toFixed(1)} %`;
	const ms = (v: number) => `${v.toFixed(0)} ms`;
	// Per unit in microseconds: a vote costs a fraction of a millisecond.
	const unit = per ? (v: number) => ` | ${Math.round((1000 * v) / per)} µs` : () => '';
	const perHead = per ? ' | per unit' : '';
	const perRule = per ? ' | ---' : '';
	return [
		`Span ${ms(s.spanMs)}, of which the server was busy ${ms(s.busyMs)} (the rest idle)${per ? `; ${per} units, ${Math.round((1000 * s.busyMs) / per)} µs busy per unit` : ''}.`,
		'',
		`| where the busy time went (by stack) | time | share${perHead} |`,
		`| --- | --- | ---${perRule} |`,
		...s.groups.map((g) => `| ${g.group} | ${ms(g.ms)} | ${pct(g.ms)}${unit(g.ms)} |`),
		'',
		`| function (most self time) | where | self | share${perHead} |`,
		`| --- | --- | --- | ---${perRule} |`,
		...s.top.map((e) => `| \`${e.name}\` | ${e.where} | ${ms(e.ms)} | ${pct(e.ms)}${unit(e.ms)} |`),
		''
	].join('\n');
}

if (import.meta.main) {
	const args = process.argv.slice(2);
	const value = (name: string) => {
		const at = args.indexOf(`--${name}`);
		return at >= 0 ? args.splice(at, 2)[1] : undefined;
	};
	const within = value('within');
	const top = Number(value('top') ?? 25);
	const per = value('per');
	if (!args.length) throw new Error('usage: node bench/lib/profile-summary.ts <file.cpuprofile>… [--within <regex>] [--per <n>] [--top 25]');
	for (const file of args) {
		const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
		if (args.length > 1) process.stdout.write(`## ${file}\n\n`);
		process.stdout.write(toMarkdown(summarize(profile, { within: within ? new RegExp(within) : undefined, top }), per ? Number(per) : undefined) + '\n');
	}
}
