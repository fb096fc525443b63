import { encodeAwarenessEntries, encodeAwarenessMessage, type AwarenessEntry } from './protocol.ts';
import type { RoomPresenceCounts } from '#lib/realtime/presence-summary.ts';
import type { Peer } from './types.ts';
import { shareFrame } from './shared-frame.ts';

/**
 * Sends one flush of presence to every connection: `entries` to all, `hidden` (states to forget) to
 * all but their owners — a stock client told that its own state is gone sends it again at once.
 */
export function sendBatch(
	conns: ReadonlyMap<Peer, Set<number>>,
	owners: ReadonlyMap<number, Peer>,
	entries: AwarenessEntry[],
	hidden: AwarenessEntry[]
): void {
	const message = encodeAwarenessMessage(encodeAwarenessEntries([...entries, ...hidden]));
	// Framed once for every socket that gets the whole batch (see shared-frame.ts).
	const frame = shareFrame(message);
	const ownersOfHidden = new Set<Peer>();
	for (const e of hidden) {
		const owner = owners.get(e.clientID);
		if (owner) ownersOfHidden.add(owner);
	}
	for (const [peer, own] of conns) {
		if (!ownersOfHidden.has(peer)) {
			if (peer.sendShared) peer.sendShared(frame);
			else peer.send(message);
		}
		else {
			const rest = [...entries, ...hidden.filter((e) => !own.has(e.clientID))];
			peer.send(encodeAwarenessMessage(encodeAwarenessEntries(rest)));
		}
	}
}

/** A large room's counts: every client state (not the hub's own), and who of them is writing. */
export function countPresence(
	states: ReadonlyMap<number, Record<string, unknown>>,
	hubClientID: number,
	shown: number
): RoomPresenceCounts {
	let present = 0;
	let writing = 0;
	for (const [id, state] of states) {
		if (id === hubClientID) continue;
		present++;
		if (state.typing === true) writing++;
	}
	return { present, writing, shown };
}
