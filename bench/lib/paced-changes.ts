import type { LoadPool } from './load-pool.ts';
import { now, sleep, until } from './stats.ts';

/**
 * Makes `total` changes at `rate` a second, each carrying a unique marker (`act`), and waits (at most
 * 10 s) until every client of each change's room has seen it. Each marker is watched half a second before
 * its change is made: a thread handles socket data and harness messages in no fixed order, so a watch
 * sent just before the change could lose the race. Returns when each marker was sent.
 */
export async function pacedChanges(
	pool: LoadPool,
	o: { prefix: string; total: number; rate: number; roomOf(i: number): string; act(i: number, marker: string): void }
): Promise<Map<string, number>> {
	const sentAt = new Map<string, number>();
	const markers = Array.from({ length: o.total }, (_, i) => `${o.prefix}${i}x${crypto.randomUUID().slice(0, 8)}`);
	const ahead = Math.max(5, Math.ceil(o.rate / 2));
	const watch = (i: number) => i < o.total && pool.watch(markers[i], o.roomOf(i));
	for (let i = 0; i < ahead; i++) watch(i);
	await sleep(200);
	const t0 = now();
	for (let i = 0; i < o.total; i++) {
		const wait = t0 + (i * 1000) / o.rate - now();
		if (wait > 0) await sleep(wait);
		watch(i + ahead);
		sentAt.set(markers[i], now());
		o.act(i, markers[i]);
	}
	await until(() => [...sentAt.keys()].every((m) => pool.complete(m)), 10_000, 50);
	return sentAt;
}

/** Per change: the time until its last client saw it (complete changes only), and each sampled full client's time. */
export function changeLatencies(pool: LoadPool, sentAt: Map<string, number>): { everyone: number[]; sample: number[] } {
	const everyone: number[] = [];
	const sample: number[] = [];
	for (const [marker, at] of sentAt) {
		const seen = pool.seen(marker);
		if (pool.complete(marker) && seen) everyone.push(seen.maxAt - at);
		for (const t of seen?.fullTimes ?? []) sample.push(t - at);
	}
	return { everyone, sample };
}
