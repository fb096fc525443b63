import type * as Y from 'yjs';

// The shape of a table board's Y.Doc. Only the server writes it; clients read.
export const BOARD = {
	cards: 'cards',
	themes: 'themes',
	clusters: 'clusters'
} as const;

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
}

export function boardCards(doc: Y.Doc): Y.Map<BoardCard> {
	return doc.getMap<BoardCard>(BOARD.cards);
}

function sameCard(a: BoardCard | undefined, b: BoardCard): boolean {
	return (
		a !== undefined &&
		a.id === b.id &&
		a.text === b.text &&
		a.authorName === b.authorName &&
		a.themeId === b.themeId &&
		a.clusterId === b.clusterId &&
		a.orderKey === b.orderKey &&
		a.createdAt === b.createdAt &&
		a.updatedAt === b.updatedAt
	);
}

/** Writes a card into the doc, leaving the doc untouched when it already holds exactly this card. */
export function upsertCard(doc: Y.Doc, card: BoardCard): void {
	const cards = boardCards(doc);
	if (!sameCard(cards.get(card.id), card)) cards.set(card.id, { ...card });
}

export function removeCard(doc: Y.Doc, cardId: string): void {
	const cards = boardCards(doc);
	if (cards.has(cardId)) cards.delete(cardId);
}

/** Brings the doc's cards in line with the given list (the SQL truth): adds, updates, removes. */
export function reconcileCards(doc: Y.Doc, truth: readonly BoardCard[]): void {
	const cards = boardCards(doc);
	const wanted = new Set(truth.map((c) => c.id));
	for (const id of Array.from(cards.keys())) if (!wanted.has(id)) cards.delete(id);
	for (const card of truth) upsertCard(doc, card);
}

/** Cards in board order. */
export function sortedCards(cards: Iterable<BoardCard>): BoardCard[] {
	return Array.from(cards).sort((a, b) =>
		a.orderKey < b.orderKey ? -1 : a.orderKey > b.orderKey ? 1 : a.id < b.id ? -1 : 1
	);
}
