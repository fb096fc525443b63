import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { watchGeneration } from './doc-generation';
import { MEETING_PARAM } from './meeting-route';

export type ConnectionState =
	| 'offline'
	| 'connecting'
	| 'connected'
	| 'reconnecting'
	| 'not-signed-in'
	| 'not-allowed'
	| 'stopped';

const TERMINAL: readonly ConnectionState[] = ['not-signed-in', 'not-allowed', 'stopped'];

/**
 * Opens a realtime room (browser only) and reports how the connection goes. The doc is read-only:
 * only the server writes. Returns the provider and a teardown. `onReplaced` runs when the server's
 * doc was replaced (a backup restored): this provider has stopped; close it and open the room again
 * with a new Y.Doc, as merging the old one would keep what the server no longer has.
 */
export function openRoom(
	room: string,
	doc: Y.Doc,
	report: { get(): ConnectionState; set(state: ConnectionState): void },
	meetingId: string,
	params: Record<string, string> = {},
	onReplaced?: () => void
): { provider: WebsocketProvider; close(): void } {
	const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
	// No BroadcastChannel: tabs must not feed each other documents the server never sent. `meeting`:
	// what the proxy hashes on, so the socket reaches the meeting's owner (see meeting-route.ts).
	const provider = new WebsocketProvider(base, room, doc, { disableBc: true, params: { ...params, [MEETING_PARAM]: meetingId } });
	if (onReplaced) watchGeneration(provider, onReplaced);
	report.set('connecting');
	let everConnected = false;
	const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
		if (TERMINAL.includes(report.get())) return;
		if (status === 'connected') everConnected = true;
		report.set(status === 'connected' ? 'connected' : everConnected ? 'reconnecting' : 'connecting');
	};
	// y-websocket stops for good on 4400–4499: the server refused who we are.
	const onClosed = ({ code }: { code: number }) => {
		report.set(code === 4401 ? 'not-signed-in' : code === 4403 ? 'not-allowed' : 'stopped');
		provider.disconnect();
	};
	provider.on('status', onStatus);
	provider.on('closed', onClosed);
	return {
		provider,
		close() {
			provider.off('status', onStatus);
			provider.off('closed', onClosed);
			provider.destroy();
		}
	};
}

/**
 * Opens a room with `open` and opens it anew whenever the server says its doc was replaced (a backup
 * restored), so the screen starts over with a fresh Y.Doc; returns the teardown.
 */
export function connectReopening(open: (onReplaced: () => void) => () => void): () => void {
	let teardown = () => {};
	let closed = false;
	const reopen = () => {
		if (closed) return;
		teardown();
		teardown = open(reopen);
	};
	teardown = open(reopen);
	return () => {
		closed = true;
		teardown();
	};
}
