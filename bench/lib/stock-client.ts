// A stock client of whichever server is measured, behind one shape: the y-websocket provider for ours
// and the relay (cookie and Origin sent, tests/helpers/yjs-client.ts), HocuspocusProvider for the peer
// (token sent in its auth message). Scenarios read the doc and the awareness and never care which.
import WebSocket from 'ws';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { connectProvider } from '../../tests/helpers/yjs-client.ts';

export type Wire = 'y-websocket' | 'hocuspocus';

export interface StockClient {
	readonly doc: Y.Doc;
	readonly awareness: Awareness;
	synced(): boolean;
	destroy(): void;
}

export function connectStock(wire: Wire, base: string, room: string, opts: { token?: string; origin: string }): StockClient {
	if (wire === 'y-websocket') {
		const p = connectProvider(base, room, opts);
		return {
			get doc() {
				return p.doc;
			},
			get awareness() {
				return p.provider.awareness as Awareness;
			},
			synced: () => p.provider.synced,
			destroy: () => p.destroy()
		};
	}
	// One socket per client, as a browser tab with one board has. Node has a WebSocket of its own now,
	// but `ws` is what the rest of the generator uses. A provider given its socket does not attach itself.
	const socket = new HocuspocusProviderWebsocket({ url: base, WebSocketPolyfill: WebSocket });
	const provider = new HocuspocusProvider({ websocketProvider: socket, name: room, token: opts.token ?? null });
	provider.attach();
	return {
		doc: provider.document,
		awareness: provider.awareness!,
		synced: () => provider.synced,
		destroy: () => {
			provider.destroy();
			socket.destroy();
		}
	};
}
