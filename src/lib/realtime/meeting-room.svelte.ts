import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { createSubscriber } from 'svelte/reactivity';
import { connectReopening, openRoom, type ConnectionState } from './room-connection';
import {
	ballotsMap,
	countsMap,
	pollStateMap,
	questionsMap,
	sortedQuestions,
	type Ballot,
	type PollQuestionView,
	type PollState
} from './meeting-doc';
import { roomName } from './rooms';

/** What the page rendered on the server: shown until the doc has synced. */
export interface MeetingRoomInitial {
	state: PollState;
	questions: PollQuestionView[];
	counts: Record<string, number>;
	ballots: Ballot[];
}

interface Live {
	provider: WebsocketProvider;
	doc: Y.Doc;
	/** Synced once: the doc then holds the newest state this screen knew, also while offline. */
	synced(): boolean;
	subscribe: () => void;
}

/**
 * The poll part of a `meeting:<id>` room (participants, projector) or a `facilitation:<id>` room
 * (facilitators: every ballot). Read-only: it never writes to its doc; commands go over HTTP and
 * come back through the doc.
 */
export class MeetingRoom {
	readonly meetingId: string;
	readonly kind: 'meeting' | 'facilitation';
	#initial: MeetingRoomInitial;
	#projectorToken: string | null;
	#live = $state.raw<Live | null>(null);
	#connection = $state<ConnectionState>('offline');

	constructor(options: {
		meetingId: string;
		kind: 'meeting' | 'facilitation';
		initial: MeetingRoomInitial;
		/** A projector link's token: opens the read-only `meeting:` room without a login. */
		projectorToken?: string | null;
	}) {
		this.#projectorToken = options.projectorToken ?? null;
		this.meetingId = options.meetingId;
		this.kind = options.kind;
		this.#initial = options.initial;
	}

	get connection(): ConnectionState {
		return this.#connection;
	}

	/** The synced doc, or null while the server-rendered data still speaks. */
	#doc(): Y.Doc | null {
		const live = this.#live;
		live?.subscribe();
		return live?.synced() ? live.doc : null;
	}

	get state(): PollState {
		const doc = this.#doc();
		return (doc && pollStateMap(doc).get('state')) || this.#initial.state;
	}

	get questions(): PollQuestionView[] {
		const doc = this.#doc();
		return doc ? sortedQuestions(questionsMap(doc).values()) : this.#initial.questions;
	}

	get counts(): Record<string, number> {
		const doc = this.#doc();
		return doc ? Object.fromEntries(countsMap(doc).entries()) : this.#initial.counts;
	}

	get ballots(): Ballot[] {
		const doc = this.#doc();
		return doc ? Array.from(ballotsMap(doc).values()) : this.#initial.ballots;
	}

	/** Opens the live connection (browser only); returns the teardown. */
	connect(): () => void {
		return connectReopening((onReplaced) => this.#open(onReplaced));
	}

	#open(onReplaced: () => void): () => void {
		const doc = new Y.Doc();
		const { provider, close } = openRoom(
			roomName(this.kind, this.meetingId),
			doc,
			{ get: () => this.#connection, set: (state) => (this.#connection = state) },
			this.meetingId,
			this.#projectorToken ? { projector: this.#projectorToken } : {},
			onReplaced
		);
		const maps = [pollStateMap(doc), questionsMap(doc), countsMap(doc), ballotsMap(doc)];
		let synced = false;
		provider.on('sync', (isSynced: boolean) => (synced ||= isSynced));
		this.#live = {
			provider,
			doc,
			synced: () => synced || provider.synced,
			// Shallow observers: one answer changes one ballot and one count, nothing deeper.
			subscribe: createSubscriber((update) => {
				for (const map of maps) map.observe(update);
				provider.on('sync', update);
				return () => {
					for (const map of maps) map.unobserve(update);
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
