import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { boardCards, type BoardCard } from '../../src/lib/realtime/board-doc.ts';

/** A `ws` WebSocket that sends the cookie and Origin a browser would (the stock client sends neither). */
export function socketClass(headers: { cookie?: string; origin?: string }) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			const h: Record<string, string> = {};
			if (headers.cookie) h.cookie = headers.cookie;
			if (headers.origin) h.origin = headers.origin;
			super(url, protocols, { headers: h });
		}
	};
}

export interface TestProvider {
	doc: Y.Doc;
	provider: WebsocketProvider;
	closes: Array<{ code: number; reason: string }>;
	cards(): BoardCard[];
	destroy(): void;
}

/** The stock y-websocket client in Node, as the issue asks: disableBc, cookie and Origin sent. */
export function connectProvider(
	wsUrl: string,
	room: string,
	opts: { token?: string; origin: string; connect?: boolean }
): TestProvider {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(wsUrl, room, doc, {
		disableBc: true,
		connect: opts.connect ?? true,
		WebSocketPolyfill: socketClass({
			cookie: opts.token ? `denktafel_session=${opts.token}` : undefined,
			origin: opts.origin
		}) as unknown as typeof globalThis.WebSocket,
		maxBackoffTime: 300
	});
	const closes: TestProvider['closes'] = [];
	provider.on('connection-close', (event) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	return {
		doc,
		provider,
		closes,
		cards: () => Array.from(boardCards(doc).values()),
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Resolves when `check` holds, polling; rejects after `ms`. */
export async function waitFor(check: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** Opens a raw socket and records what it receives and how it closes. */
export function rawSocket(url: string, headers: { cookie?: string; origin?: string }) {
	const Ws = socketClass(headers);
	const ws = new Ws(url);
	ws.binaryType = 'arraybuffer';
	const received: Buffer[] = [];
	ws.on('message', (data: Buffer) => received.push(Buffer.from(data)));
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);
	const opened = new Promise<void>((resolve, reject) => {
		ws.on('open', () => resolve());
		ws.on('error', reject);
	});
	return { ws, received, closed, opened };
}
