import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { observeHttp } from '../src/lib/server/ops/metrics.ts';
import { loggedPath } from '../src/lib/server/ops/log-path.ts';

// One JSON line per HTTP request on stdout (method, path, status, ms, request id), and the latency
// histogram for /metrics. Done here, around adapter-node's handler, so that redirects and errors
// thrown in hooks and static files are logged too.

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Honours a sane incoming `x-request-id` (from a proxy), else makes one; returns it on the response. */
export function requestId(req: IncomingMessage): string {
	const given = req.headers['x-request-id'];
	const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
	req.headers['x-request-id'] = id;
	return id;
}

export function logRequests(req: IncomingMessage, res: ServerResponse): void {
	const started = process.hrtime.bigint();
	const id = requestId(req);
	res.setHeader('x-request-id', id);
	res.once('finish', () => {
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		observeHttp(res.statusCode, seconds);
		const line = {
			time: new Date().toISOString(),
			level: res.statusCode >= 500 ? 'error' : 'info',
			msg: 'request',
			method: req.method,
			path: loggedPath(req.url),
			status: res.statusCode,
			ms: Math.round(seconds * 10_000) / 10,
			requestId: id
		};
		queueLine(JSON.stringify(line));
	});
}

// stdout to a pipe or file is a blocking write per call: under a burst of requests the lines of one
// turn of the event loop go out in one write. At exit what is queued is written synchronously.
let queued: string[] = [];
function queueLine(line: string): void {
	if (queued.length === 0) setImmediate(flushLines);
	queued.push(line);
}
function flushLines(): void {
	if (queued.length === 0) return;
	const text = `${queued.join('\n')}\n`;
	queued = [];
	process.stdout.write(text);
}
process.on('exit', flushLines);
