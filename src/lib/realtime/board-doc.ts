import type * as Y from 'yjs';

// The shape of the realtime docs a board lives in. Only the server writes them; clients read.
//   table:<id>         cards, themes, clusters, meta (the board everyone at the table sees)
//   participant:<id>   me, myCards, myVotes, notices (what is one participant's alone)
//   facilitation:<id>  tallies, hiddenCards (besides the poll: what facilitators alone see)
export const BOARD = {
	cards: 'cards',
	themes: 'themes',
	clusters: 'clusters',
	meta: 'meta',
	messages: 'messages'
} as const;

export const PHASES = ['collect', 'cluster', 'vote', 'discuss', 'done'] as const;
export type Phase = (typeof PHASES)[number];

/** The text and author of a duplicate that was merged into a card. */
export interface MergedText {
	text: string;
	authorName: string | null;
}

/** A card as it appears on a board. `authorName` is null in anonymous meetings. */
export interface BoardCard {
	id: string;
	text: string;
	authorName: string | null;
	themeId: string | null;
	clusterId: string | null;
	orderKey: string;
	createdAt: number;
	updatedAt: number;
	/** Dots on the card; null while tallies are not shown at the table. */
	votes: number | null;
	merged: MergedText[];
}

export interface BoardTheme {
	id: string;
	name: string;
	color: string;
	position: number;
}

export interface BoardCluster {
	id: string;
	themeId: string | null;
	name: string;
	orderKey: string;
}

export interface BoardMeta {
	tableName: string;
	topic: string | null;
	phase: Phase;
	/** End of the countdown in server time (ms), or null. */
	phaseEndsAt: number | null;
	/** When the table entered this phase (server time, ms), or null (never set since the table was made). */
	phaseSince: number | null;
	voteBudget: number;
	votePerCardMax: number | null;
	talliesVisible: boolean;
	lateCards: boolean;
	anonymous: boolean;
}

/** A short message from the facilitator to this table (or to all tables). */
export interface BoardMessage {
	id: string;
	text: string;
	createdAt: number;
}

/** Everything a table's doc holds, as SQL has it. */
export interface BoardView {
	meta: BoardMeta;
	themes: BoardTheme[];
	clusters: BoardCluster[];
	cards: BoardCard[];
	/** The latest few messages, newest first. */
	messages: BoardMessage[];
}

const META_KEY = 'board';

export function boardCards(doc: Y.Doc): Y.Map<BoardCard> {
	return doc.getMap<BoardCard>(BOARD.cards);
}

export function boardThemes(doc: Y.Doc): Y.Map<BoardTheme> {
	return doc.getMap<BoardTheme>(BOARD.themes);
}

export function boardClusters(doc: Y.Doc): Y.Map<BoardCluster> {
	return doc.getMap<BoardCluster>(BOARD.clusters);
}

export function boardMeta(doc: Y.Doc): BoardMeta | null {
	return (doc.getMap<BoardMeta>(BOARD.meta).get(META_KEY) as BoardMeta | undefined) ?? null;
}

/**
 * The same JSON data, by value (an absent value is never the same). Compared in place rather than as
 * two JSON strings: every board rewrite compares every card, and the strings were its main cost.
 */
export function sameValue(a: unknown, b: unknown): boolean {
	return a !== undefined && sameJson(a, b);
}

function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
		return true;
	}
	if (Array.isArray(b)) return false;
	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	// JSON drops undefined members, so they count as absent on both sides.
	const keys = Object.keys(left).filter((k) => left[k] !== undefined);
	if (keys.length !== Object.keys(right).filter((k) => right[k] !== undefined).length) return false;
	for (const key of keys) if (!Object.hasOwn(right, key) || !sameJson(left[key], right[key])) return false;
	return true;
}

/** Sets a key unless the map already holds exactly this value: an unchanged doc stays unchanged. */
export function setIfChanged<T>(map: Y.Map<T>, key: string, value: T): void {
	if (!sameValue(map.get(key), value)) map.set(key, copyValue(value));
}

/**
 * A deep copy of a doc value, so the doc never shares an object with its caller (Yjs keeps the object
 * it is given). Plain objects and arrays are copied by hand: structuredClone was a tenth of a card
 * write's cost in the hub (#18). Anything else that is an object (a Uint8Array) goes to structuredClone.
 */
export function copyValue<T>(value: T): T {
	if (typeof value !== 'object' || value === null) return value;
	if (Array.isArray(value)) return value.map(copyValue) as T;
	if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
	const copy: Record<string, unknown> = {};
	for (const key of Object.keys(value)) copy[key] = copyValue((value as Record<string, unknown>)[key]);
	return copy as T;
}

/** Brings a keyed map in line with the given entries: adds, updates and removes. */
export function reconcileMap<T extends { id: string }>(map: Y.Map<T>, truth: readonly T[]): void {
	const wanted = new Set(truth.map((t) => t.id));
	for (const id of Array.from(map.keys())) if (!wanted.has(id)) map.delete(id);
	for (const entry of truth) setIfChanged(map, entry.id, entry);
}

export function upsertCard(doc: Y.Doc, card: BoardCard): void {
	setIfChanged(boardCards(doc), card.id, card);
}

export function removeCard(doc: Y.Doc, cardId: string): void {
	const cards = boardCards(doc);
	if (cards.has(cardId)) cards.delete(cardId);
}

export function reconcileCards(doc: Y.Doc, truth: readonly BoardCard[]): void {
	reconcileMap(boardCards(doc), truth);
}

/** Writes the whole board as SQL has it; call inside one server transaction. */
export function reconcileBoard(doc: Y.Doc, view: BoardView): void {
	setIfChanged(doc.getMap<BoardMeta>(BOARD.meta), META_KEY, view.meta);
	reconcileMap(boardThemes(doc), view.themes);
	reconcileMap(boardClusters(doc), view.clusters);
	reconcileMap(boardCards(doc), view.cards);
	reconcileMap(boardMessages(doc), view.messages);
}

/** Sets the dots on each card of the board to `tallies` (absent: 0), touching only the cards that differ. */
export function reconcileTallies(doc: Y.Doc, tallies: ReadonlyMap<string, number>): void {
	const cards = boardCards(doc);
	for (const [id, card] of cards) {
		const votes = tallies.get(id) ?? 0;
		if (card.votes !== votes) cards.set(id, { ...card, votes });
	}
}

export function boardMessages(doc: Y.Doc): Y.Map<BoardMessage> {
	return doc.getMap<BoardMessage>(BOARD.messages);
}

function byKey(a: { orderKey: string; id: string }, b: { orderKey: string; id: string }): number {
	return a.orderKey < b.orderKey ? -1 : a.orderKey > b.orderKey ? 1 : a.id < b.id ? -1 : 1;
}

/** Cards in board order. */
export function sortedCards<T extends BoardCard>(cards: Iterable<T>): T[] {
	return Array.from(cards).sort(byKey);
}

export function sortedClusters(clusters: Iterable<BoardCluster>): BoardCluster[] {
	return Array.from(clusters).sort(byKey);
}

export function sortedThemes(themes: Iterable<BoardTheme>): BoardTheme[] {
	return Array.from(themes).sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
}
