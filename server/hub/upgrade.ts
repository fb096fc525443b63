import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { parseRoomName, roomFromPath } from '#lib/realtime/rooms.ts';
import { CLOSE } from './close-codes.ts';
import { increment } from '#lib/server/ops/metrics.ts';
import type { AuthorizeResult, HubDeps, HubIdentity } from './types.ts';

export interface UpgradeContext {
	wss: WebSocketServer;
	authorize: HubDeps['authorize'];
	expectedOrigin: HubDeps['expectedOrigin'];
	/** Receives a socket that passed every check. */
	accept(socket: WebSocket, room: string, identity: HubIdentity): void;
}

const PREFIX = '/yjs/';

/**
 * Takes an HTTP upgrade for `/yjs/<room>`; returns false (and leaves the socket alone) for any
 * other path, since Vite's hot reload upgrades on the same server. A refusal is accepted, sent
 * nothing and closed at once with 4401/4403: a browser cannot read an HTTP status on an upgrade
 * and would retry forever.
 */
export function handleUpgrade(
	ctx: UpgradeContext,
	req: IncomingMessage,
	socket: Duplex,
	head: Buffer
): boolean {
	const pathname = (req.url ?? '').split('?')[0];
	if (!pathname.startsWith(PREFIX)) return false;
	const room = roomFromPath(pathname);
	// The check may wait for the database; the client may hang up meanwhile. Until the socket is
	// handed to `ws`, an error on it must not crash the process, and a closed one is dropped.
	const ignore = () => {};
	socket.on('error', ignore);
	void verdictFor(ctx, req, room).then((verdict) => {
		socket.off('error', ignore);
		if (socket.destroyed || !socket.readable || !socket.writable) {
			socket.destroy();
			return;
		}
		ctx.wss.handleUpgrade(req, socket, head, (ws) => {
			if (verdict.ok && room !== null) ctx.accept(ws, room, verdict.identity);
			else {
				const code = verdict.ok ? CLOSE.notAllowed : verdict.code;
				increment('denktafel_hub_connections_refused_total', { code: String(code) });
				ws.close(code);
			}
		});
	});
	return true;
}

async function verdictFor(ctx: UpgradeContext, req: IncomingMessage, room: string | null): Promise<Verdict> {
	try {
		return room === null ? NOT_ALLOWED : await decide(ctx, req, room);
	} catch (error) {
		// A failing check (database down) is no verdict on the client: let it retry.
		console.error('[hub] authorizing an upgrade failed', error);
		return { ok: false, code: CLOSE.internalError };
	}
}

type Verdict = AuthorizeResult | { ok: false; code: typeof CLOSE.internalError };

const NOT_ALLOWED: Verdict = { ok: false, code: CLOSE.notAllowed };

function decide(ctx: UpgradeContext, req: IncomingMessage, room: string): Verdict | Promise<Verdict> {
	// SvelteKit's CSRF check does not cover upgrades: without this any site could open rooms with
	// the visitor's cookie.
	const origin = req.headers.origin;
	if (!origin || origin !== ctx.expectedOrigin(req)) return NOT_ALLOWED;
	if (!parseRoomName(room)) return NOT_ALLOWED;
	return ctx.authorize(req, room);
}
