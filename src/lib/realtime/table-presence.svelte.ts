import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { createSubscriber } from 'svelte/reactivity';
import { connectReopening, openRoom, type ConnectionState } from './room-connection';
import { countParticipantsPresent } from './presence-summary';
import { roomName } from './rooms';

/**
 * Who is connected at one table, for the dashboard: it watches the table room's presence without
 * being present itself (its own state is null), and counts the participants there.
 */
export class TablePresence {
	readonly tableId: string;
	readonly meetingId: string;
	#provider = $state.raw<WebsocketProvider | null>(null);
	#subscribe: (() => void) | null = null;
	#connection = $state<ConnectionState>('offline');

	constructor(tableId: string, meetingId: string) {
		this.tableId = tableId;
		this.meetingId = meetingId;
	}

	/** Participants connected now; null until the room answers. */
	get present(): number | null {
		const provider = this.#provider;
		this.#subscribe?.();
		if (!provider || this.#connection !== 'connected') return null;
		return countParticipantsPresent(provider.awareness.getStates());
	}

	/** Opens the connection (browser only); returns the teardown. */
	connect(): () => void {
		return connectReopening((onReplaced) => this.#open(onReplaced));
	}

	#open(onReplaced: () => void): () => void {
		const doc = new Y.Doc();
		const { provider, close } = openRoom(
			roomName('table', this.tableId),
			doc,
			{ get: () => this.#connection, set: (s) => (this.#connection = s) },
			this.meetingId,
			{},
			onReplaced
		);
		provider.awareness.setLocalState(null);
		this.#subscribe = createSubscriber((update) => {
			provider.awareness.on('change', update);
			return () => provider.awareness.off('change', update);
		});
		this.#provider = provider;
		return () => {
			this.#provider = null;
			this.#subscribe = null;
			close();
			doc.destroy();
		};
	}
}
