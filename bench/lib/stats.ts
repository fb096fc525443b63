// Small number helpers shared by every scenario.

/** The p-th percentile of an ascending list (nearest rank); NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (n: number, digits = 1): number | null => {
	if (!Number.isFinite(n)) return null;
	const f = 10 ** digits;
	return Math.round(n * f) / f;
};

export interface Latency {
	samples: number;
	p50: number | null;
	p95: number | null;
	p99: number | null;
	max: number | null;
}

export function latency(values: readonly number[]): Latency {
	const sorted = [...values].sort((a, b) => a - b);
	return {
		samples: sorted.length,
		p50: round(percentile(sorted, 50)),
		p95: round(percentile(sorted, 95)),
		p99: round(percentile(sorted, 99)),
		max: round(sorted.at(-1) ?? NaN)
	};
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable across worker threads. */
export const now = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it holds or `ms` pass; returns whether it held. */
export async function until(check: () => boolean, ms: number, step = 25): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) return false;
		await sleep(step);
	}
	return true;
}

/** A scenario's result, or false when it failed (run.ts records `{ failed }` instead). */
export const succeeded = <T>(r: T | { failed: string } | undefined): r is T => !!r && !(typeof r === 'object' && r !== null && 'failed' in r);
