import { hostname } from 'node:os';

// Which process answered or holds a lease: /healthz reports it (operators and the proxy test see where a
// request went) and cluster mode names its lease connection and logs with it. config.ts refuses an
// invalid DENKTAFEL_NODE_NAME at start; here an invalid one falls back, for readers outside the config.

/** Letters, digits and . : @ _ - only: the name ends up in JSON, logs and pg_stat_activity. */
export const NODE_NAME_RULE = /^[\w.:@-]{1,100}$/;

/** This process's name: DENKTAFEL_NODE_NAME when set and valid, else `<hostname>:<pid>` (differs per process). */
export function nodeName(env: Record<string, string | undefined> = process.env): string {
	const raw = env.DENKTAFEL_NODE_NAME?.trim();
	return raw && NODE_NAME_RULE.test(raw) ? raw : `${hostname()}:${process.pid}`;
}
