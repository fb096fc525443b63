import { and, count, desc, eq, max, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/prepared.ts';
import { cards } from '../db/schema.ts';
import { onBoard } from './on-board.ts';

// Counters the board commands check their limits with (cards per table, order keys, dots used), read
// inside the command's transaction.

const liveCardCount = preparedQuery((db) =>
	db
		.select({ n: count() })
		.from(cards)
		.where(and(eq(cards.tableId, sql.placeholder('tableId')), onBoard))
		.prepare()
);

export async function countLiveCards(db: Db, tableId: string): Promise<number> {
	return (await liveCardCount(db).execute({ tableId }))[0]?.n ?? 0;
}

/** The highest order key at a table (cards of every state included, so keys never repeat). */
const lastOrderKeyRow = preparedQuery((db) =>
	db
		.select({ key: cards.orderKey })
		.from(cards)
		.where(eq(cards.tableId, sql.placeholder('tableId')))
		.orderBy(desc(cards.orderKey))
		.limit(1)
		.prepare()
);

export async function lastOrderKey(db: Db, tableId: string): Promise<string | null> {
	return (await lastOrderKeyRow(db).execute({ tableId }))[0]?.key ?? null;
}

// Both of the above in one round trip, for a command that checks the card limit and then appends a
// card (card.add runs on every key question, so each round trip counts on PostgreSQL). max() orders by
// the column's collation as `order by … desc` does, so the key is the one lastOrderKey finds.
const liveCountAndLastKey = preparedQuery((db) =>
	db
		.select({
			live: sql<number>`coalesce(sum(case when ${onBoard} then 1 else 0 end), 0)`,
			key: max(cards.orderKey)
		})
		.from(cards)
		.where(eq(cards.tableId, sql.placeholder('tableId')))
		.prepare()
);

/** The cards on the board at a table and its highest order key (see countLiveCards, lastOrderKey). */
export async function liveCardsAndLastKey(db: Db, tableId: string): Promise<{ live: number; lastKey: string | null }> {
	const row = (await liveCountAndLastKey(db).execute({ tableId }))[0];
	return { live: Number(row?.live ?? 0), lastKey: row?.key ?? null };
}
