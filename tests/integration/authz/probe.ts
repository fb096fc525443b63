import type { RunningApp } from '../../helpers/app-server.ts';
import { rawSocket } from '../../helpers/yjs-client.ts';
import type { Ids, Role } from './world.ts';

/** What a request got: a status, or where a redirect pointed (`login`, `home`), or a room's fate. */
export type Outcome = number | 'login' | 'home' | 'open';

export interface Probe {
	key: string;
	path: string;
	/** A form body (`a=1&b=2`) for actions and form endpoints; JSON endpoints get `json` or `{}`. */
	form?: string;
	json?: unknown;
}

export function fill(template: string, ids: Ids): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		if (name === 'cmd') return `mx${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`; // a fresh command id
		const value = (ids as unknown as Record<string, unknown>)[name];
		if (typeof value !== 'string') throw new Error(`unknown placeholder {${name}}`);
		return value;
	});
}

function withQuery(path: string, name: string, value: string): string {
	return `${path}${path.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;
}

/** One request as the role's browser would send it (cookie, same Origin, HTML for pages and forms). */
export async function probeHttp(app: RunningApp, probe: Probe, ids: Ids, role: Role, token: string | null): Promise<Outcome> {
	const [method, route] = probe.key.split(' ');
	const action = /\?\/(\w+)$/.exec(route)?.[1];
	let path = fill(probe.path, ids);
	if (action && action !== 'default') path = `${path}?/${action}`;
	// A projector carries its link's token, and nothing else: it must open the projector view only.
	if (role === 'projector') path = withQuery(path, 'token', ids.projectorToken);
	const headers: Record<string, string> = { origin: app.url, accept: 'text/html' };
	if (token) headers.cookie = `denktafel_session=${token}`;
	let body: string | undefined;
	if (method !== 'GET') {
		if (action || probe.form !== undefined) {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			body = fill(probe.form ?? '', ids);
		} else {
			headers['content-type'] = 'application/json';
			headers.accept = 'application/json';
			body = fill(JSON.stringify(probe.json ?? {}), ids);
		}
	}
	const res = await fetch(`${app.url}${path}`, { method, headers, body, redirect: 'manual' });
	await res.arrayBuffer();
	const location = res.headers.get('location') ?? '';
	if (res.status >= 300 && res.status < 400) {
		if (location.startsWith('/login')) return 'login';
		if (location.startsWith('/?reason=signed-out')) return 'home';
	}
	return res.status;
}

/** Opens a room as the role: `open` when the hub syncs it, else the close code. */
export async function probeRoom(app: RunningApp, room: string, ids: Ids, role: Role, token: string | null): Promise<Outcome> {
	let url = `${app.wsUrl}/${fill(room, ids)}`;
	if (role === 'projector') url = withQuery(url, 'projector', ids.projectorToken);
	const socket = rawSocket(url, { origin: app.url, ...(token ? { cookie: `denktafel_session=${token}` } : {}) });
	socket.opened.catch(() => {});
	let check: ReturnType<typeof setInterval> | undefined;
	const started = Date.now();
	const result = await Promise.race([
		socket.closed.then((c) => c.code as Outcome),
		new Promise<Outcome>((resolve) => {
			check = setInterval(() => {
				if (socket.received.length > 0) resolve('open');
				else if (Date.now() - started > 3000) resolve(0); // neither data nor a close: a bug
			}, 10);
		})
	]);
	clearInterval(check);
	if (result === 'open' || socket.ws.readyState === socket.ws.OPEN) socket.ws.close();
	// A refused socket must have received nothing.
	if (result !== 'open' && socket.received.length > 0) return -1;
	return result;
}
