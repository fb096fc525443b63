import { and, asc, count, desc, eq, isNull } from 'drizzle-orm';
import type { BoardCard } from '../../realtime/board-doc.ts';
import type { Db } from '../db/client.ts';
import { cards, meetings } from '../db/schema.ts';

type CardRow = typeof cards.$inferSelect;

/** The board's view of a card: the author only when the meeting is named. */
export function toBoardCard(row: CardRow, anonymous: boolean): BoardCard {
	return {
		id: row.id,
		text: row.text,
		authorName: anonymous ? null : row.authorName,
		themeId: null,
		clusterId: null,
		orderKey: row.orderKey,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt
	};
}

/** The live cards of a table as SQL has them: the truth a board doc is reconciled with. */
export function listBoardCards(db: Db, tableId: string): BoardCard[] {
	const rows = db
		.select({ card: cards, anonymous: meetings.anonymous })
		.from(cards)
		.innerJoin(meetings, eq(meetings.id, cards.meetingId))
		.where(and(eq(cards.tableId, tableId), isNull(cards.withdrawnAt)))
		.orderBy(asc(cards.orderKey), asc(cards.id))
		.all();
	return rows.map((r) => toBoardCard(r.card, r.anonymous));
}

export function countLiveCards(db: Db, tableId: string): number {
	const row = db
		.select({ n: count() })
		.from(cards)
		.where(and(eq(cards.tableId, tableId), isNull(cards.withdrawnAt)))
		.get();
	return row?.n ?? 0;
}

/** The highest order key at a table (withdrawn cards included, so keys never repeat). */
export function lastOrderKey(db: Db, tableId: string): string | null {
	const row = db
		.select({ key: cards.orderKey })
		.from(cards)
		.where(eq(cards.tableId, tableId))
		.orderBy(desc(cards.orderKey))
		.limit(1)
		.get();
	return row?.key ?? null;
}
