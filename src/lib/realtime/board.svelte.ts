import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { createSubscriber } from 'svelte/reactivity';
import { m } from '$lib/paraglide/messages';
import { connectReopening, openRoom, type ConnectionState } from './room-connection';
import { meetingHeaders } from './meeting-route';
import {
	boardCards,
	boardClusters,
	boardMessages,
	boardMeta,
	boardThemes,
	sortedCards,
	sortedClusters,
	sortedThemes,
	type BoardCard,
	type BoardCluster,
	type BoardMessage,
	type BoardMeta,
	type BoardTheme,
	type BoardView
} from './board-doc';
import { hiddenCardsMap, talliesMap, type HiddenCard } from './facilitation-board';
import { myCardsMap, myVotesMap, noticesMap, participantState, type Notice, type ParticipantState, type ParticipantView } from './participant-doc';
import { overlayCards, overlayVotes, type BoardCommand, type Pending, type ShownCard } from './board-overlay';
import { describeNewCards } from './board-view';
import { newCommandId } from './command-id';
import { othersWriting, summarizePresence, type PresenceSummary } from './presence-summary';
import { roomName } from './rooms';
import { SocketCommands } from './socket-commands';

export type { ConnectionState, ShownCard };

/** How long an accepted command's overlay may wait for the doc before it goes anyway. */
const SETTLE_MS = 3000;
/** How long a command sent over the room socket waits for its answer before it counts as waiting. */
const SOCKET_ANSWER_MS = 4000;
/** When a command whose answer never came is sent again (same id: the server applies it once). */
const RETRY_UNANSWERED_MS = 2000;
/** `waiting`: not refused, only not sent yet; it goes out by itself when the connection returns. */
export type SendResult = { ok: true; result?: unknown } | { ok: false; message: string; waiting?: true };

/**
 * The error a screen keeps showing for a result: none for a command that only waits for the connection,
 * since the waiting list says so and it goes out by itself (a kept "no connection" alert went stale).
 */
export const errorOf = (result: SendResult): string => (result.ok || result.waiting ? '' : result.message);

interface Room {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Synced once: from then on the doc holds the newest state this screen knew, also while offline. */
	synced(): boolean;
	subscribe: () => void;
	subscribePresence: () => void;
	close(): void;
}

function room(name: string, meetingId: string, state: { get(): ConnectionState; set(s: ConnectionState): void }, params: Record<string, string>, onReplaced: () => void): Room {
	const doc = new Y.Doc();
	const { provider, close } = openRoom(name, doc, state, meetingId, params, onReplaced);
	// provider.synced turns false on every dropped connection; falling back to the page's first data
	// then would show a board from when the page was loaded (cards gone) until the room is back.
	let synced = false;
	provider.on('sync', (isSynced: boolean) => (synced ||= isSynced));
	return {
		doc,
		provider,
		synced: () => synced || provider.synced,
		// Anything the server writes into this doc, or a (re)sync, re-renders what reads it.
		subscribe: createSubscriber((update) => {
			doc.on('update', update);
			provider.on('sync', update);
			return () => {
				doc.off('update', update);
				provider.off('sync', update);
			};
		}),
		subscribePresence: createSubscriber((update) => {
			provider.awareness.on('change', update);
			return () => provider.awareness.off('change', update);
		}),
		close() {
			close();
			doc.destroy();
		}
	};
}

/**
 * One table's live board. Reads the server-written docs (the table, the participant's own room, and for
 * facilitators the facilitation room) and never writes to them: changes go to the server as commands,
 * shown at once in an overlay until the doc has them, queued while the connection is down.
 */
export class LiveBoard {
	readonly tableId: string;
	readonly meetingId: string;
	readonly participantId: string | null;
	readonly facilitator: boolean;
	/** Looks on without being present (the facilitator's overview of all tables). */
	readonly watchOnly: boolean;
	/** A projector link's token: opens the table's room read-only without a login. */
	#projectorToken: string | null;
	#initial: BoardView;
	#me: ParticipantView | null;
	#selfName: string | null;
	#table = $state.raw<Room | null>(null);
	/** Commands over the table room's socket (none for a projector, which may only look). */
	#commands: SocketCommands | null = null;
	#own = $state.raw<Room | null>(null);
	#facilitation = $state.raw<Room | null>(null);
	#pending = $state<Pending[]>([]);
	#connection = $state<ConnectionState>('offline');
	#ownConnection = $state<ConnectionState>('offline');
	#facilitationConnection = $state<ConnectionState>('offline');
	#announcement = $state('');
	#updates = 0;

	constructor(options: {
		tableId: string;
		meetingId: string;
		board: BoardView;
		me: ParticipantView | null;
		participantId: string | null;
		facilitator: boolean;
		selfName: string | null;
		watchOnly?: boolean;
		projectorToken?: string | null;
	}) {
		this.watchOnly = options.watchOnly ?? false;
		this.#projectorToken = options.projectorToken ?? null;
		this.tableId = options.tableId;
		this.meetingId = options.meetingId;
		this.#initial = options.board;
		this.#me = options.me;
		this.participantId = options.participantId;
		this.facilitator = options.facilitator;
		this.#selfName = options.selfName;
	}

	get connection(): ConnectionState {
		return this.#connection;
	}

	get announcement(): string {
		return this.#announcement;
	}

	/** The doc once synced, else what the page was rendered with. */
	#synced<T>(read: (doc: Y.Doc) => T, initial: T): T {
		const t = this.#table;
		t?.subscribe();
		return t?.synced() ? read(t.doc) : initial;
	}

	get meta(): BoardMeta {
		return this.#synced((doc) => boardMeta(doc) ?? this.#initial.meta, this.#initial.meta);
	}

	get themes(): BoardTheme[] {
		return this.#synced((doc) => sortedThemes(boardThemes(doc).values()), this.#initial.themes);
	}

	get clusters(): BoardCluster[] {
		return this.#synced((doc) => sortedClusters(boardClusters(doc).values()), this.#initial.clusters);
	}

	get messages(): BoardMessage[] {
		return this.#synced(
			(doc) => Array.from(boardMessages(doc).values()).sort((a, b) => b.createdAt - a.createdAt),
			this.#initial.messages
		);
	}

	/** Cards with the overlay of commands under way; facilitators see every tally. */
	get cards(): ShownCard[] {
		const docCards = this.#synced((doc) => Array.from(boardCards(doc).values()), this.#initial.cards);
		const tallies = this.#tallies();
		const withTallies = tallies ? docCards.map((c) => ({ ...c, votes: tallies.get(c.id) ?? 0 })) : docCards;
		const author = this.meta.anonymous ? null : this.#selfName;
		return sortedCards(overlayCards(withTallies, this.#pending, author));
	}

	#tallies(): Map<string, number> | null {
		const f = this.#facilitation;
		if (!f) return null;
		f.subscribe();
		if (!f.synced()) return null;
		const out = new Map<string, number>();
		for (const t of talliesMap(f.doc).values()) if (t.tableId === this.tableId) out.set(t.id, t.votes);
		return out;
	}

	/** Whether vote counts are on screen: always for facilitators, else as the phase and setting say. */
	get talliesShown(): boolean {
		return this.facilitator || this.meta.talliesVisible;
	}

	get hiddenCards(): HiddenCard[] {
		const f = this.#facilitation;
		if (!f) return [];
		f.subscribe();
		return Array.from(hiddenCardsMap(f.doc).values())
			.filter((h) => h.tableId === this.tableId)
			.sort((a, b) => b.hiddenAt - a.hiddenAt);
	}

	#own_<T>(read: (doc: Y.Doc) => T, initial: T): T {
		const o = this.#own;
		o?.subscribe();
		return o?.synced() ? read(o.doc) : initial;
	}

	get mine(): Set<string> {
		return this.#own_((doc) => new Set(myCardsMap(doc).keys()), new Set(this.#me?.myCards ?? []));
	}

	/** My dots per card, with the votes under way. */
	get myVotes(): Map<string, number> {
		const base = this.#own_(
			(doc) => new Map(Array.from(myVotesMap(doc).values()).map((v) => [v.id, v.dots])),
			new Map((this.#me?.myVotes ?? []).map((v) => [v.id, v.dots]))
		);
		return overlayVotes(base, this.#pending);
	}

	get state(): ParticipantState | null {
		return this.#own_((doc) => participantState(doc) ?? this.#me?.state ?? null, this.#me?.state ?? null);
	}

	get votesLeft(): number {
		const state = this.state;
		if (!state) return 0;
		let used = 0;
		for (const dots of this.myVotes.values()) used += dots;
		return Math.max(0, state.voteBudget - used);
	}

	get notices(): Notice[] {
		return this.#own_(
			(doc) => Array.from(noticesMap(doc).values()).sort((a, b) => b.createdAt - a.createdAt),
			this.#me?.notices ?? []
		);
	}

	/** Commands the server refused or that wait for the connection, for the user to see. */
	get pending(): Pending[] {
		return this.#pending;
	}

	get presence(): PresenceSummary {
		const t = this.#table;
		t?.subscribePresence();
		const awareness = t?.provider.awareness;
		const summary = summarizePresence(awareness?.getStates() ?? new Map(), awareness?.clientID ?? -1, this.#selfName);
		// Someone only watching is not at the table (a large room's counts already leave them out).
		return this.watchOnly && !summary.bounded ? { ...summary, count: summary.count - 1 } : summary;
	}

	/** Tells the others at the table whether we are writing (server-stamped presence). */
	setTyping(typing: boolean): void {
		const awareness = this.#table?.provider.awareness;
		if (awareness && awareness.getLocalState()?.typing !== typing) awareness.setLocalStateField('typing', typing);
	}

	/** How many others are writing now. */
	get typing(): number {
		const t = this.#table;
		t?.subscribePresence();
		if (!t) return 0;
		const awareness = t.provider.awareness;
		return othersWriting(awareness.getStates(), awareness.clientID, awareness.getLocalState()?.typing === true);
	}

	/** Opens the live connections (browser only); returns the teardown. */
	connect(): () => void {
		// Commands still waiting to be sent are kept across a reopen.
		return connectReopening((onReplaced) => this.#open(onReplaced));
	}

	#open(onReplaced: () => void): () => void {
		const table = room(
			roomName('table', this.tableId),
			this.meetingId,
			{ get: () => this.#connection, set: (s) => (this.#connection = s) },
			this.#projectorToken ? { projector: this.#projectorToken } : {},
			onReplaced
		);
		table.provider.awareness.setLocalState(this.watchOnly ? null : { typing: false });
		const cards = boardCards(table.doc);
		const onCards = (event: Y.YMapEvent<BoardCard>) => this.#cardsChanged(event, table.provider.synced);
		cards.observe(onCards);
		table.doc.on('update', () => this.#docMoved());
		const onStatus = ({ status }: { status: string }) => {
			if (status === 'connected') void this.#retryWaiting();
		};
		table.provider.on('status', onStatus);
		const online = () => void this.#retryWaiting();
		window.addEventListener('online', online);
		this.#table = table;
		const commands = this.#projectorToken ? null : new SocketCommands(table.provider);
		this.#commands = commands;
		if (this.participantId) {
			const own = room(roomName('participant', this.participantId), this.meetingId, { get: () => this.#ownConnection, set: (s) => (this.#ownConnection = s) }, {}, onReplaced);
			own.doc.on('update', () => this.#docMoved());
			this.#own = own;
		}
		if (this.facilitator) {
			this.#facilitation = room(
				roomName('facilitation', this.meetingId),
				this.meetingId,
				{ get: () => this.#facilitationConnection, set: (s) => (this.#facilitationConnection = s) },
				{},
				onReplaced
			);
		}
		return () => {
			window.removeEventListener('online', online);
			table.provider.off('status', onStatus);
			cards.unobserve(onCards);
			commands?.destroy();
			if (this.#commands === commands) this.#commands = null;
			for (const r of [this.#table, this.#own, this.#facilitation]) r?.close();
			this.#table = this.#own = this.#facilitation = null;
		};
	}

	/** Sends a command; it shows at once and, when the connection is down, waits and is sent again. */
	async send(command: BoardCommand): Promise<SendResult> {
		const entry: Pending = { commandId: newCommandId(), command, state: 'sending', ...this.#baseline(command) };
		this.#pending = [...this.#pending, entry];
		return this.#deliver(entry.commandId);
	}

	/** What the doc will show once this command is through, so the overlay stops the moment it does. */
	#baseline(command: BoardCommand): Partial<Pending> {
		if (command.type === 'vote.cast' || command.type === 'vote.withdraw') {
			const now = this.myVotes.get(command.cardId) ?? 0;
			return { dotsAfter: command.type === 'vote.cast' ? now + 1 : Math.max(0, now - 1) };
		}
		if (command.type === 'card.add' && this.#table) return { knownIds: new Set(boardCards(this.#table.doc).keys()) };
		return {};
	}

	/** Adds a key question (the form's path): the card shows at once, as "sending". */
	addCard(text: string): Promise<SendResult> {
		return this.send({ type: 'card.add', text: text.trim() });
	}

	/** Forgets a refused command the user has read about. */
	dismiss(commandId: string): void {
		this.#pending = this.#pending.filter((p) => p.commandId !== commandId);
	}

	/**
	 * Sends a command over the table room's socket when it is open and synced (no HTTP request, the
	 * session already known there), else by HTTP; both answer alike. No answer on the socket (a dropped
	 * connection, a timeout) keeps it waiting, and it goes again with the same command id.
	 */
	async #deliver(commandId: string): Promise<SendResult> {
		const entry = this.#pending.find((p) => p.commandId === commandId);
		if (!entry) return { ok: false, message: m.error_network() };
		const command = { ...entry.command, commandId };
		const socket = this.#commands;
		if (socket?.ready) {
			const outcome = await socket.send(command, SOCKET_ANSWER_MS);
			if (typeof outcome !== 'string') return this.#answered(commandId, outcome.status, outcome.body);
			if (outcome !== 'not-open') {
				// Reconnecting retries by itself; a socket that stays open but did not answer is asked again.
				if (outcome === 'timeout') setTimeout(() => void this.#retryOne(commandId), RETRY_UNANSWERED_MS);
				return this.#waiting(commandId);
			}
		}
		let response: Response;
		try {
			response = await fetch(`/api/tables/${this.tableId}/commands`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...meetingHeaders(this.meetingId) },
				body: JSON.stringify(command)
			});
		} catch {
			// Offline: keep it, with its command id, for when the connection returns.
			return this.#waiting(commandId);
		}
		const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
		return this.#answered(commandId, response.status, body);
	}

	#waiting(commandId: string): SendResult {
		this.#update(commandId, { state: 'waiting' });
		return { ok: false, message: m.boardui_waiting(), waiting: true };
	}

	/** The server's answer, by either door: refused, accepted, or (a server error) kept waiting. */
	#answered(commandId: string, status: number, answer: Record<string, unknown> | null): SendResult {
		const body = answer as { result?: unknown; message?: string } | null;
		if (status >= 500) return this.#waiting(commandId);
		if (status < 200 || status >= 300) {
			const message = body?.message ?? m.error_network();
			this.#update(commandId, { state: 'refused', message });
			return { ok: false, message };
		}
		// Accepted: the overlay stays until the docs have moved on (the change is on its way), and no
		// longer than a moment in case the doc was quicker than the answer.
		const added = (body?.result as { card?: { id: string } } | undefined)?.card?.id;
		if (!this.#table || (added && this.#table && boardCards(this.#table.doc).has(added))) this.dismiss(commandId);
		else {
			this.#update(commandId, { acceptedAt: this.#updates });
			setTimeout(() => this.dismiss(commandId), SETTLE_MS);
		}
		return { ok: true, result: body?.result };
	}

	#update(commandId: string, change: Partial<Pending>): void {
		this.#pending = this.#pending.map((p) => (p.commandId === commandId ? { ...p, ...change } : p));
	}

	async #retryOne(commandId: string): Promise<void> {
		if (this.#pending.find((p) => p.commandId === commandId)?.state !== 'waiting') return;
		this.#update(commandId, { state: 'sending' });
		await this.#deliver(commandId);
	}

	async #retryWaiting(): Promise<void> {
		for (const p of this.#pending.filter((p) => p.state === 'waiting')) {
			this.#update(p.commandId, { state: 'sending' });
			await this.#deliver(p.commandId);
		}
	}

	/** The server's change arrived: accepted commands no longer need their overlay. */
	#docMoved(): void {
		this.#updates++;
		const seen = this.#updates;
		if (this.#pending.some((p) => p.acceptedAt !== undefined && p.acceptedAt < seen)) {
			this.#pending = this.#pending.filter((p) => p.acceptedAt === undefined || p.acceptedAt >= seen);
		}
	}

	#cardsChanged(event: Y.YMapEvent<BoardCard>, synced: boolean): void {
		// The first sync brings the existing board, not news.
		if (!synced) return;
		const cards = event.target as Y.Map<BoardCard>;
		const mine = this.mine;
		const added: BoardCard[] = [];
		event.changes.keys.forEach((change, key) => {
			const card = change.action === 'add' ? cards.get(key) : undefined;
			if (card && !mine.has(card.id) && !this.#pending.some((p) => p.command.type === 'card.add' && p.command.text === card.text)) {
				added.push(card);
			}
		});
		const news = describeNewCards(added);
		if (news) this.#announcement = news;
	}
}
