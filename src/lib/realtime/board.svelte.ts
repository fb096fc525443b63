import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { openRoom, type ConnectionState } from './room-connection';
import { createSubscriber } from 'svelte/reactivity';
import { m } from '$lib/paraglide/messages';
import { boardCards, sortedCards, type BoardCard } from './board-doc';
import { describeNewCards, pendingCard, type ShownCard } from './board-view';
import { newCommandId } from './command-id';
import { summarizePresence, type PresenceSummary } from './presence-summary';
import { roomName } from './rooms';

export type { ConnectionState };

export type { ShownCard };

export type SendResult = { ok: true } | { ok: false; message: string };

/** A card we sent: kept beside the doc until the doc has it (or the server refused it). */
interface Outgoing {
	commandId: string;
	text: string;
	card: BoardCard | null;
}

interface Live {
	doc: Y.Doc;
	provider: WebsocketProvider;
	cards: Y.Map<BoardCard>;
	subscribeCards: () => void;
	subscribePresence: () => void;
}


/**
 * One table's live board. Reads straight from the server-written Y.Doc and never writes to it:
 * changes go to the server as commands, and come back through the doc.
 */
export class LiveBoard {
	readonly tableId: string;
	#initial: BoardCard[];
	#selfName: string | null;
	#anonymous: boolean;
	#live = $state.raw<Live | null>(null);
	#outgoing = $state.raw<Outgoing[]>([]);
	#connection = $state<ConnectionState>('offline');
	#announcement = $state('');
	#mine = new Set<string>();

	/** `selfName`: how presence names us (null in an anonymous meeting, for participants). */
	constructor(options: {
		tableId: string;
		cards: BoardCard[];
		selfName: string | null;
		anonymous: boolean;
	}) {
		this.tableId = options.tableId;
		this.#initial = options.cards;
		this.#selfName = options.selfName;
		this.#anonymous = options.anonymous;
	}

	get connection(): ConnectionState {
		return this.#connection;
	}

	/** The latest news for screen readers ("New card: …"). */
	get announcement(): string {
		return this.#announcement;
	}

	get cards(): ShownCard[] {
		const live = this.#live;
		live?.subscribeCards();
		const byId = new Map<string, BoardCard>();
		// Until the first sync the doc may be partial: the server-rendered list fills the gap.
		if (!live?.provider.synced) for (const card of this.#initial) byId.set(card.id, card);
		if (live) for (const [id, card] of live.cards) byId.set(id, card);
		for (const o of this.#outgoing) if (o.card && !byId.has(o.card.id)) byId.set(o.card.id, o.card);
		const shown: ShownCard[] = sortedCards(byId.values());
		const author = this.#anonymous ? null : this.#selfName;
		for (const o of this.#outgoing) {
			if (!o.card) shown.push(pendingCard(o.commandId, o.text, author));
		}
		return shown;
	}

	/** Who is at the table: names (deduplicated, yourself included) and how many in all. */
	get presence(): PresenceSummary {
		const live = this.#live;
		live?.subscribePresence();
		const awareness = live?.provider.awareness;
		return summarizePresence(
			awareness?.getStates() ?? new Map(),
			awareness?.clientID ?? -1,
			this.#selfName
		);
	}

	/** Opens the live connection (browser only); returns the teardown. */
	connect(): () => void {
		const doc = new Y.Doc();
		const { provider, close } = openRoom(roomName('table', this.tableId), doc, {
			get: () => this.#connection,
			set: (state) => (this.#connection = state)
		});
		const cards = boardCards(doc);
		provider.awareness.setLocalState({ typing: false });

		const onCards = (event: Y.YMapEvent<BoardCard>) => this.#cardsChanged(event, provider.synced);
		cards.observe(onCards);

		this.#live = {
			doc,
			provider,
			cards,
			subscribeCards: createSubscriber((update) => {
				cards.observe(update);
				provider.on('sync', update);
				return () => {
					cards.unobserve(update);
					provider.off('sync', update);
				};
			}),
			subscribePresence: createSubscriber((update) => {
				provider.awareness.on('change', update);
				return () => provider.awareness.off('change', update);
			})
		};

		return () => {
			cards.unobserve(onCards);
			this.#live = null;
			close();
			doc.destroy();
		};
	}

	/** Sends an add-card command; the card shows at once and stays until the doc confirms it. */
	async addCard(text: string): Promise<SendResult> {
		const entry: Outgoing = { commandId: newCommandId(), text: text.trim(), card: null };
		this.#outgoing = [...this.#outgoing, entry];
		const response = await this.#post(entry.commandId, text);
		const body = (await response?.json().catch(() => null)) as {
			card?: BoardCard;
			message?: string;
		} | null;
		if (!response?.ok || !body?.card) {
			this.#outgoing = this.#outgoing.filter((o) => o !== entry);
			return { ok: false, message: body?.message ?? m.error_network() };
		}
		const card = body.card;
		this.#mine.add(card.id);
		this.#outgoing = this.#live?.cards.has(card.id)
			? this.#outgoing.filter((o) => o !== entry)
			: this.#outgoing.map((o) => (o === entry ? { ...o, card } : o));
		return { ok: true };
	}

	/** One retry after a network failure: the same command id makes it safe (applied once). */
	async #post(commandId: string, text: string): Promise<Response | null> {
		for (let attempt = 0; attempt < 2; attempt++) {
			try {
				return await fetch(`/api/tables/${this.tableId}/cards`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ commandId, text })
				});
			} catch {
				// network failure: try once more
			}
		}
		return null;
	}

	#cardsChanged(event: Y.YMapEvent<BoardCard>, synced: boolean): void {
		const cards = event.target as Y.Map<BoardCard>;
		if (this.#outgoing.some((o) => o.card && cards.has(o.card.id))) {
			this.#outgoing = this.#outgoing.filter((o) => !(o.card && cards.has(o.card.id)));
		}
		const added: BoardCard[] = [];
		event.changes.keys.forEach((change, key) => {
			const card = change.action === 'add' ? cards.get(key) : undefined;
			if (card && !this.#claim(card)) added.push(card);
		});
		// The first sync brings the existing board, not news.
		if (!synced) return;
		const news = describeNewCards(added);
		if (news) this.#announcement = news;
	}

	/**
	 * True when the card is ours. The doc can beat the HTTP response: a card still on its way with
	 * the same text is then taken as confirmed, so it does not show twice.
	 */
	#claim(card: BoardCard): boolean {
		if (this.#mine.has(card.id)) return true;
		const waiting = this.#outgoing.find((o) => !o.card && o.text === card.text);
		if (!waiting) return false;
		this.#mine.add(card.id);
		this.#outgoing = this.#outgoing.filter((o) => o !== waiting);
		return true;
	}
}
