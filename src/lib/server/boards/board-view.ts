import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type {
	BoardCard,
	BoardCluster,
	BoardMessage,
	BoardTheme,
	BoardView,
	MergedText
} from '../../realtime/board-doc.ts';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/prepared.ts';
import { cards, clusters, meetings, tableMessages, tables, themes, votes } from '../db/schema.ts';
import { talliesVisible } from '../../realtime/phase-rules.ts';
import { onBoard } from './on-board.ts';

// The board view: what a table's board doc (and the projector, the boards overview, the report) shows,
// read from SQL in the shapes the realtime docs hold (see realtime/board-doc.ts).

type CardRow = typeof cards.$inferSelect;

/** The board's view of a card: the author only when the meeting is named. */
export function toBoardCard(
	row: CardRow,
	anonymous: boolean,
	extra: { votes?: number | null; merged?: MergedText[] } = {}
): BoardCard {
	return {
		id: row.id,
		text: row.text,
		authorName: anonymous ? null : row.authorName,
		themeId: row.themeId,
		clusterId: row.clusterId,
		orderKey: row.orderKey,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
		votes: extra.votes ?? null,
		merged: extra.merged ?? []
	};
}

/** Dots per card of a table (or of several). */
export async function cardTallies(db: Db, tableIds: readonly string[]): Promise<Map<string, number>> {
	if (tableIds.length === 0) return new Map();
	const rows = await db
		.select({ cardId: votes.cardId, dots: sql<number>`sum(${votes.dots})` })
		.from(votes)
		.where(inArray(votes.tableId, tableIds as string[]))
		.groupBy(votes.cardId);
	return new Map(rows.map((r) => [r.cardId, Number(r.dots)]));
}

// The queries a board rewrite runs after every command are prepared once (see preparedQuery).
const tableTallies = preparedQuery((db) =>
	db
		.select({ cardId: votes.cardId, dots: sql<number>`sum(${votes.dots})` })
		.from(votes)
		.where(eq(votes.tableId, sql.placeholder('tableId')))
		.groupBy(votes.cardId)
		.prepare()
);
const mergedRows = preparedQuery((db) =>
	db
		.select({ into: cards.mergedIntoId, text: cards.text, authorName: cards.authorName })
		.from(cards)
		.where(and(eq(cards.tableId, sql.placeholder('tableId')), isNotNull(cards.mergedIntoId)))
		.orderBy(asc(cards.orderKey), asc(cards.id))
		.prepare()
);
const boardCardRows = preparedQuery((db) =>
	db
		.select()
		.from(cards)
		.where(and(eq(cards.tableId, sql.placeholder('tableId')), onBoard))
		.orderBy(asc(cards.orderKey), asc(cards.id))
		.prepare()
);
const themeRows = preparedQuery((db) =>
	db
		.select({ id: themes.id, name: themes.name, color: themes.color, position: themes.position })
		.from(themes)
		.where(eq(themes.meetingId, sql.placeholder('meetingId')))
		.orderBy(asc(themes.position), asc(themes.id))
		.prepare()
);
const clusterRows = preparedQuery((db) =>
	db
		.select({
			id: clusters.id,
			themeId: clusters.themeId,
			name: clusters.name,
			orderKey: clusters.orderKey
		})
		.from(clusters)
		.where(
			and(eq(clusters.tableId, sql.placeholder('tableId')), isNull(clusters.mergedIntoId), isNull(clusters.dissolvedAt))
		)
		.orderBy(asc(clusters.orderKey), asc(clusters.id))
		.prepare()
);

async function mergedTexts(db: Db, tableId: string, anonymous: boolean): Promise<Map<string, MergedText[]>> {
	const rows = await mergedRows(db).execute({ tableId });
	const byCard = new Map<string, MergedText[]>();
	for (const r of rows) {
		const list = byCard.get(r.into!) ?? [];
		list.push({ text: r.text, authorName: anonymous ? null : r.authorName });
		byCard.set(r.into!, list);
	}
	return byCard;
}

export async function listThemes(db: Db, meetingId: string): Promise<BoardTheme[]> {
	return await themeRows(db).execute({ meetingId });
}

export async function listClusters(db: Db, tableId: string): Promise<BoardCluster[]> {
	return await clusterRows(db).execute({ tableId });
}

const tableRow = preparedQuery((db) => db.select().from(tables).where(eq(tables.id, sql.placeholder('id'))).prepare());
const meetingRow = preparedQuery((db) => db.select().from(meetings).where(eq(meetings.id, sql.placeholder('id'))).prepare());

/** A table with its meeting and whether its board shows tallies now; null when there is no such table. */
async function boardTable(db: Db, tableId: string) {
	// Two key lookups, not a join: SQLite prepares a join on a bound parameter anew at every run, and
	// this runs after every board command.
	const table = (await tableRow(db).execute({ id: tableId }))[0];
	const meeting = table && (await meetingRow(db).execute({ id: table.meetingId }))[0];
	if (!table || !meeting) return null;
	return { table, meeting, visible: talliesVisible(table.phase, meeting.talliesLive) };
}

/** A table's whole board as SQL has it; null when there is no such table. */
export async function loadBoardView(db: Db, tableId: string): Promise<BoardView | null> {
	const found = await boardTable(db, tableId);
	if (!found) return null;
	const { table, meeting, visible } = found;
	const tallies = visible
		? new Map((await tableTallies(db).execute({ tableId })).map((r) => [r.cardId, Number(r.dots)]))
		: null;
	const merged = await mergedTexts(db, tableId, meeting.anonymous);
	const cardRows = await boardCardRows(db).execute({ tableId });
	return {
		meta: {
			tableName: table.name,
			topic: table.topic,
			phase: table.phase,
			phaseEndsAt: table.phaseEndsAt,
			phaseSince: table.phaseSince ?? null,
			voteBudget: meeting.voteBudget,
			votePerCardMax: meeting.votePerCardMax,
			talliesVisible: visible,
			lateCards: meeting.lateCards,
			anonymous: meeting.anonymous
		},
		themes: await listThemes(db, meeting.id),
		clusters: await listClusters(db, tableId),
		messages: await latestMessages(db, meeting.id, tableId),
		cards: cardRows.map((c) =>
			toBoardCard(c, meeting.anonymous, {
				votes: tallies ? (tallies.get(c.id) ?? 0) : null,
				merged: merged.get(c.id) ?? []
			})
		)
	};
}

const cardOnBoard = preparedQuery((db) =>
	db
		.select()
		.from(cards)
		.where(and(eq(cards.id, sql.placeholder('id')), eq(cards.tableId, sql.placeholder('tableId')), onBoard))
		.prepare()
);
const cardTally = preparedQuery((db) =>
	db
		.select({ dots: sql<number>`coalesce(sum(${votes.dots}), 0)` })
		.from(votes)
		.where(eq(votes.cardId, sql.placeholder('cardId')))
		.prepare()
);
const mergedIntoRows = preparedQuery((db) =>
	db
		.select({ text: cards.text, authorName: cards.authorName })
		.from(cards)
		.where(eq(cards.mergedIntoId, sql.placeholder('cardId')))
		.orderBy(asc(cards.orderKey), asc(cards.id))
		.prepare()
);

/**
 * One card of a table's board as SQL has it, as loadBoardView would show it; null when the card is not
 * (or no longer) on that board. Undefined when there is no such table.
 */
export async function loadBoardCard(db: Db, tableId: string, cardId: string): Promise<BoardCard | null | undefined> {
	const found = await boardTable(db, tableId);
	if (!found) return undefined;
	const { meeting, visible } = found;
	const row = (await cardOnBoard(db).execute({ id: cardId, tableId }))[0];
	if (!row) return null;
	const merged = (await mergedIntoRows(db).execute({ cardId }))
		.map((r) => ({ text: r.text, authorName: meeting.anonymous ? null : r.authorName }));
	return toBoardCard(row, meeting.anonymous, {
		votes: visible ? Number((await cardTally(db).execute({ cardId }))[0]?.dots ?? 0) : null,
		merged
	});
}

/** Dots per card of a table when its board shows tallies (null when it shows none or there is no table). */
export async function loadTableTallies(db: Db, tableId: string): Promise<Map<string, number> | null> {
	if (!(await boardTable(db, tableId))?.visible) return null;
	return new Map((await tableTallies(db).execute({ tableId })).map((r) => [r.cardId, Number(r.dots)]));
}

const MESSAGES_SHOWN = 3;

/** The latest messages to this table or to all tables. */
const latestMessageRows = preparedQuery((db) =>
	db
		.select({ id: tableMessages.id, text: tableMessages.text, createdAt: tableMessages.createdAt })
		.from(tableMessages)
		.where(
			and(
				eq(tableMessages.meetingId, sql.placeholder('meetingId')),
				or(isNull(tableMessages.tableId), eq(tableMessages.tableId, sql.placeholder('tableId')))
			)
		)
		.orderBy(desc(tableMessages.createdAt), desc(tableMessages.id))
		.limit(MESSAGES_SHOWN)
		.prepare()
);

export async function latestMessages(db: Db, meetingId: string, tableId: string): Promise<BoardMessage[]> {
	return await latestMessageRows(db).execute({ meetingId, tableId });
}

/** The live cards of a table as SQL has them. */
export async function listBoardCards(db: Db, tableId: string): Promise<BoardCard[]> {
	return (await loadBoardView(db, tableId))?.cards ?? [];
}
