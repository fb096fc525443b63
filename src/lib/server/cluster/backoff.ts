/**
 * The wait before reconnect attempt `attempt` (0 for the first): doubling from `baseMs` up to `maxMs`,
 * with jitter so that processes which lost the same server do not all knock at the same instant.
 */
export function backoffDelay(attempt: number, baseMs = 100, maxMs = 5_000, random = Math.random): number {
	const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
	return Math.round(ceiling * (0.5 + random() / 2));
}

/** Logs through `console.warn` under a module's tag; the modules take a replacement for tests and ops. */
export type ClusterLog = (message: string, error?: unknown) => void;

export function consoleLog(tag: string): ClusterLog {
	return (message, error) => {
		if (error === undefined) console.warn(`[${tag}] ${message}`);
		else console.warn(`[${tag}] ${message}:`, error instanceof Error ? error.message : error);
	};
}
