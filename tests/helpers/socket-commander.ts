import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { SocketCommands, type NoAnswer } from '../../src/lib/realtime/socket-commands.ts';
import type { CommandAnswer } from '../../src/lib/realtime/command-wire.ts';
import { socketClass, waitFor } from './yjs-client.ts';

/**
 * A room connection that sends commands over its socket as the browser's board does: the stock
 * y-websocket provider with the command handler (#lib/realtime/socket-commands.ts) on it.
 */
export interface Commander {
	doc: Y.Doc;
	provider: WebsocketProvider;
	closes: Array<{ code: number; reason: string }>;
	/** Sends `{ commandId, ...body }`; the answer, or why none came. */
	send(body: { commandId: string } & Record<string, unknown>, timeoutMs?: number): Promise<CommandAnswer | NoAnswer>;
	/** Sends raw bytes on the socket (malformed frames). */
	sendRaw(frame: Uint8Array): void;
	destroy(): void;
}

export async function openCommander(wsUrl: string, room: string, headers: { cookie?: string; origin: string; query?: Record<string, string> }): Promise<Commander> {
	const doc = new Y.Doc();
	const closes: Commander['closes'] = [];
	const provider = new WebsocketProvider(wsUrl, room, doc, {
		disableBc: true,
		params: headers.query ?? {},
		WebSocketPolyfill: socketClass(headers) as unknown as typeof globalThis.WebSocket,
		maxBackoffTime: 300
	});
	provider.on('connection-close', (event) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	const commands = new SocketCommands(provider);
	await waitFor(() => provider.synced, 5000, `sync of ${room}`);
	return {
		doc,
		provider,
		closes,
		send: (body, timeoutMs = 5000) => commands.send(body, timeoutMs),
		sendRaw: (frame) => provider.ws?.send(frame as Uint8Array<ArrayBuffer>),
		destroy: () => {
			commands.destroy();
			provider.destroy();
			doc.destroy();
		}
	};
}
