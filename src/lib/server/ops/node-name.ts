import { hostname } from 'node:os';

// Which process answered: operators (and the proxy test) read it from /healthz to see where the proxy
// sent a request. Read here rather than in config.ts so the cluster code can reuse it without config
// changes; the README's configuration table documents DENKTAFEL_NODE_NAME.

/** At most this many characters of DENKTAFEL_NODE_NAME are used (it ends up in JSON and logs). */
const MAX_LENGTH = 64;

/**
 * This process's name: DENKTAFEL_NODE_NAME when set (trimmed, printable ASCII, at most 64 characters),
 * else `<hostname>:<pid>`, which differs between two processes on one machine.
 */
export function nodeName(env: Record<string, string | undefined> = process.env): string {
	const raw = (env.DENKTAFEL_NODE_NAME ?? '').trim();
	// Only what a log line and a header can carry safely; anything else falls back to the default.
	if (raw && /^[\x21-\x7e]+$/.test(raw)) return raw.slice(0, MAX_LENGTH);
	return `${hostname()}:${process.pid}`;
}
