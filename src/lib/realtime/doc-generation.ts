import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';

// A room doc's generation: it changes when the server's doc is replaced rather than moved forward
// (a backup restored, a room's history purged). A client holding the old doc must not merge it
// into the new one — docs only move forward, so it would keep showing what is gone — but start a
// new Y.Doc. The hub sends the generation first on every connection as a y-websocket auth message
// with a sub-type of our own: the stock client reads auth messages and ignores sub-types other
// than 0 ("permission denied"), so it stays compatible.

const MESSAGE_AUTH = 2;
const AUTH_GENERATION = 1;

export function encodeGeneration(generation: number): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_AUTH);
	encoding.writeVarUint(e, AUTH_GENERATION);
	encoding.writeVarUint(e, generation);
	return encoding.toUint8Array(e);
}

type Handler = WebsocketProvider['messageHandlers'][number];

/**
 * Watches the generation the server announces on `provider`. The first one is this doc's; when a
 * later connection announces another, the provider is disconnected at once (so nothing more of the
 * new doc lands in the old one) and `onReplaced` runs: make a new Y.Doc and provider there.
 */
export function watchGeneration(provider: WebsocketProvider, onReplaced: (generation: number) => void): void {
	let known: number | null = null;
	const original: Handler | undefined = provider.messageHandlers[MESSAGE_AUTH];
	provider.messageHandlers[MESSAGE_AUTH] = (encoder, decoder, p, emitSynced, type) => {
		if (decoding.peekVarUint(decoder) !== AUTH_GENERATION) return original?.(encoder, decoder, p, emitSynced, type);
		decoding.readVarUint(decoder);
		const generation = decoding.readVarUint(decoder);
		if (known === null || known === generation) {
			known = generation;
			return;
		}
		provider.disconnect();
		queueMicrotask(() => onReplaced(generation));
	};
}
