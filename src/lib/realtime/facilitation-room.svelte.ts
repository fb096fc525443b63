import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { createSubscriber } from 'svelte/reactivity';
import { connectReopening, openRoom, type ConnectionState } from './room-connection';
import { tableFiguresMap, type TableFigures } from './facilitation-board';
import { roomName } from './rooms';

interface Live {
	provider: WebsocketProvider;
	doc: Y.Doc;
	subscribe: () => void;
	/** Synced once: after a drop the doc still holds the last figures the server sent. */
	synced(): boolean;
}

/**
 * The dashboard's part of the `facilitation:<id>` room: the figures of every table, live. Read-only;
 * commands go over HTTP and come back through the doc.
 */
export class FacilitationRoom {
	readonly meetingId: string;
	#initial: TableFigures[];
	#order: Map<string, number>;
	#live = $state.raw<Live | null>(null);
	#connection = $state<ConnectionState>('offline');

	/** `initial`: the figures the page was rendered with, in the meeting's table order. */
	constructor(options: { meetingId: string; initial: TableFigures[] }) {
		this.meetingId = options.meetingId;
		this.#initial = options.initial;
		this.#order = new Map(options.initial.map((t, i) => [t.tableId, i]));
	}

	get connection(): ConnectionState {
		return this.#connection;
	}

	get tables(): TableFigures[] {
		const live = this.#live;
		live?.subscribe();
		if (!live?.synced()) return this.#initial;
		const at = (id: string) => this.#order.get(id) ?? Number.MAX_SAFE_INTEGER;
		return Array.from(tableFiguresMap(live.doc).values()).sort((a, b) => at(a.tableId) - at(b.tableId) || a.name.localeCompare(b.name));
	}

	/** Opens the live connection (browser only); returns the teardown. */
	connect(): () => void {
		return connectReopening((onReplaced) => this.#open(onReplaced));
	}

	#open(onReplaced: () => void): () => void {
		const doc = new Y.Doc();
		const { provider, close } = openRoom(
			roomName('facilitation', this.meetingId),
			doc,
			{ get: () => this.#connection, set: (state) => (this.#connection = state) },
			this.meetingId,
			{},
			onReplaced
		);
		// Nobody needs to see the dashboard's watcher as present.
		provider.awareness.setLocalState(null);
		const figures = tableFiguresMap(doc);
		let synced = false;
		provider.on('sync', (isSynced: boolean) => (synced ||= isSynced));
		this.#live = {
			provider,
			doc,
			synced: () => synced || provider.synced,
			subscribe: createSubscriber((update) => {
				figures.observe(update);
				provider.on('sync', update);
				return () => {
					figures.unobserve(update);
					provider.off('sync', update);
				};
			})
		};
		return () => {
			this.#live = null;
			close();
			doc.destroy();
		};
	}
}
