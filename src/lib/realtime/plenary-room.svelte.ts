import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { createSubscriber } from 'svelte/reactivity';
import { connectReopening, openRoom, type ConnectionState } from './room-connection';
import { plenaryItemsMap, plenaryState, PLENARY_DOC, type PlenaryItemView, type PlenaryState, type PlenaryView } from './plenary-doc';
import { myPlenaryVotesMap, participantState, PARTICIPANT_DOC } from './participant-doc';
import { ranked } from './ranking';
import { roomName } from './rooms';

interface Live {
	provider: WebsocketProvider;
	doc: Y.Doc;
	subscribe: () => void;
	/** Synced once: after a drop the doc still holds the last state the server sent. */
	synced(): boolean;
	close(): void;
}

export type RankedPlenaryItem = PlenaryItemView & { rank: number; tied: boolean };

/** What a participant's own room says about their plenary votes. */
export interface MyPlenary {
	budget: number;
	used: number;
	/** item id → dots of mine on it */
	dots: Record<string, number>;
}

function live(
	room: string,
	doc: Y.Doc,
	state: { get(): ConnectionState; set(s: ConnectionState): void },
	maps: string[],
	meetingId: string,
	params: Record<string, string>,
	onReplaced: () => void
): Live {
	const { provider, close } = openRoom(room, doc, state, meetingId, params, onReplaced);
	// Watching the plenary board is not being present anywhere.
	provider.awareness.setLocalState(null);
	const observed = maps.map((name) => doc.getMap(name));
	let synced = false;
	provider.on('sync', (isSynced: boolean) => (synced ||= isSynced));
	return {
		provider,
		doc,
		close,
		synced: () => synced || provider.synced,
		subscribe: createSubscriber((update) => {
			for (const map of observed) map.observe(update);
			provider.on('sync', update);
			return () => {
				for (const map of observed) map.unobserve(update);
				provider.off('sync', update);
			};
		})
	};
}

/**
 * The plenary board of `meeting:<id>` (everyone, the projector with its token) and, for a participant,
 * their own votes from `participant:<id>`. Read-only; votes go to the server as commands.
 */
export class PlenaryRoom {
	readonly meetingId: string;
	#initial: PlenaryView;
	#initialMine: MyPlenary | null;
	#participantId: string | null;
	#projectorToken: string | null;
	#meeting = $state.raw<Live | null>(null);
	#own = $state.raw<Live | null>(null);
	#connection = $state<ConnectionState>('offline');
	#ownConnection = $state<ConnectionState>('offline');

	constructor(options: { meetingId: string; initial: PlenaryView; participantId?: string | null; mine?: MyPlenary | null; projectorToken?: string | null }) {
		this.meetingId = options.meetingId;
		this.#initial = options.initial;
		this.#participantId = options.participantId ?? null;
		this.#initialMine = options.mine ?? null;
		this.#projectorToken = options.projectorToken ?? null;
	}

	get connection(): ConnectionState {
		return this.#connection;
	}

	#doc(): Y.Doc | null {
		const m = this.#meeting;
		m?.subscribe();
		return m?.synced() ? m.doc : null;
	}

	get state(): PlenaryState {
		const doc = this.#doc();
		return (doc && plenaryState(doc)) || this.#initial.state;
	}

	/** The items in board order (as the facilitator arranged them). */
	get items(): PlenaryItemView[] {
		const doc = this.#doc();
		const items = doc ? Array.from(plenaryItemsMap(doc).values()) : this.#initial.items;
		return [...items].sort((a, b) => (a.orderKey < b.orderKey ? -1 : a.orderKey > b.orderKey ? 1 : a.id.localeCompare(b.id)));
	}

	/** Ranked as ranking.ts says: a grouped item is one item with the summed votes; ties share a rank. */
	get ranking(): RankedPlenaryItem[] {
		return ranked(this.items);
	}

	get mine(): MyPlenary | null {
		const own = this.#own;
		own?.subscribe();
		if (!own?.synced()) return this.#initialMine;
		const state = participantState(own.doc);
		const dots: Record<string, number> = {};
		for (const v of myPlenaryVotesMap(own.doc).values()) dots[v.id] = v.dots;
		return { budget: state?.plenaryBudget ?? this.state.budget, used: state?.plenaryUsed ?? 0, dots };
	}

	/** Opens the live connections (browser only); returns the teardown. */
	connect(): () => void {
		// Either doc replaced (a backup restored): both rooms open anew, so the two agree again.
		return connectReopening((onReplaced) => this.#open(onReplaced));
	}

	#open(onReplaced: () => void): () => void {
		const doc = new Y.Doc();
		const params: Record<string, string> = this.#projectorToken ? { projector: this.#projectorToken } : {};
		const meeting = live(roomName('meeting', this.meetingId), doc, { get: () => this.#connection, set: (s) => (this.#connection = s) }, [PLENARY_DOC.plenary, PLENARY_DOC.items], this.meetingId, params, onReplaced);
		this.#meeting = meeting;
		let ownDoc: Y.Doc | null = null;
		if (this.#participantId) {
			ownDoc = new Y.Doc();
			this.#own = live(roomName('participant', this.#participantId), ownDoc, { get: () => this.#ownConnection, set: (s) => (this.#ownConnection = s) }, [PARTICIPANT_DOC.me, PARTICIPANT_DOC.myPlenaryVotes], this.meetingId, {}, onReplaced);
		}
		return () => {
			for (const r of [this.#meeting, this.#own]) r?.close();
			this.#meeting = this.#own = null;
			doc.destroy();
			ownDoc?.destroy();
		};
	}
}
