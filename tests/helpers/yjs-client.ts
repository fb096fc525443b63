import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { boardCards, type BoardCard } from '../../src/lib/realtime/board-doc.ts';
import { watchGeneration } from '../../src/lib/realtime/doc-generation.ts';

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
	/** The current doc and provider: both are new after the server announced a replaced doc. */
	readonly doc: Y.Doc;
	readonly provider: WebsocketProvider;
	closes: Array<{ code: number; reason: string }>;
	/** Generations this client started a new doc for (as the browser does, see doc-generation.ts). */
	replacedBy: number[];
	cards(): BoardCard[];
	destroy(): void;
}

/** The stock y-websocket client in Node, as the issue asks: disableBc, cookie and Origin sent. */
export function connectProvider(
	wsUrl: string,
	room: string,
	opts: { token?: string; origin: string; connect?: boolean }
): TestProvider {
	const closes: TestProvider['closes'] = [];
	const replacedBy: number[] = [];
	let destroyed = false;
	const open = (connect: boolean) => {
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(wsUrl, room, doc, {
			disableBc: true,
			connect,
			WebSocketPolyfill: socketClass({
				cookie: opts.token ? `denktafel_session=${opts.token}` : undefined,
				origin: opts.origin
			}) as unknown as typeof globalThis.WebSocket,
			maxBackoffTime: 300
		});
		provider.on('connection-close', (event) => {
			if (event) closes.push({ code: event.code, reason: event.reason });
		});
		watchGeneration(provider, (generation) => {
			if (destroyed) return;
			replacedBy.push(generation);
			current.provider.destroy();
			current.doc.destroy();
			current = open(true);
		});
		return { doc, provider };
	};
	let current = open(opts.connect ?? true);
	return {
		get doc() {
			return current.doc;
		},
		get provider() {
			return current.provider;
		},
		closes,
		replacedBy,
		cards: () => Array.from(boardCards(current.doc).values()),
		destroy: () => {
			destroyed = true;
			current.provider.destroy();
			current.doc.destroy();
		}
	};
}

/** Resolves when `check` holds, polling; rejects after `ms`. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 5_000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + ms;
	while (!(await check())) {
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
