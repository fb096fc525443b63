import { and, asc, desc, eq, inArray, lt, lte, max, sql } from 'drizzle-orm';
import type { BoardView } from '../../realtime/board-doc.ts';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/prepared.ts';
import { cardVersions, cards, clusterVersions, clusters, commandLog, meetings, tables, voteEvents } from '../db/schema.ts';
import { listThemes, loadBoardView, toBoardCard } from './board-view.ts';

// A board's history. Every board command leaves the new version of each card and cluster it changed
// (captured by the command frame) and an event for each change of dots (dots.ts). From these a board
// can be shown as it was after any earlier command, restored to that, or one command undone.

type CardRow = typeof cards.$inferSelect;
type ClusterRow = typeof clusters.$inferSelect;

/** Stores the versions a command made: the rows of the touched tables it updated (at `now`). */
// Every command runs these; see preparedQuery.
const cardsChangedAt = preparedQuery((db) =>
	db
		.select()
		.from(cards)
		.where(and(eq(cards.tableId, sql.placeholder('tableId')), eq(cards.updatedAt, sql.placeholder('now'))))
		.prepare()
);
const clustersChangedAt = preparedQuery((db) =>
	db
		.select()
		.from(clusters)
		.where(and(eq(clusters.tableId, sql.placeholder('tableId')), eq(clusters.updatedAt, sql.placeholder('now'))))
		.prepare()
);

const insertCardVersion = preparedQuery((db) =>
	db
		.insert(cardVersions)
		.values({
			commandSeq: sql.placeholder('seq'),
			tableId: sql.placeholder('tableId'),
			cardId: sql.placeholder('id'),
			data: sql.placeholder('data')
		})
		.prepare()
);
const insertClusterVersion = preparedQuery((db) =>
	db
		.insert(clusterVersions)
		.values({
			commandSeq: sql.placeholder('seq'),
			tableId: sql.placeholder('tableId'),
			clusterId: sql.placeholder('id'),
			data: sql.placeholder('data')
		})
		.prepare()
);

/** The ids of the cards and clusters whose versions were stored. */
export interface CapturedVersions {
	cardIds: string[];
	clusterIds: string[];
}

export function captureVersions(db: Db, tableIds: readonly string[], seq: number, now: number): CapturedVersions {
	const captured: CapturedVersions = { cardIds: [], clusterIds: [] };
	for (const tableId of tableIds) {
		const changedCards = cardsChangedAt(db).all({ tableId, now });
		for (const row of changedCards) {
			insertCardVersion(db).run({ seq, tableId, id: row.id, data: row });
			captured.cardIds.push(row.id);
		}
		const changedClusters = clustersChangedAt(db).all({ tableId, now });
		for (const row of changedClusters) {
			insertClusterVersion(db).run({ seq, tableId, id: row.id, data: row });
			captured.clusterIds.push(row.id);
		}
	}
	return captured;
}

/** Every card of the table as it was right after command `seq` (withdrawn, hidden and merged ones too). */
export function cardsAt(db: Db, tableId: string, seq: number): Map<string, CardRow> {
	const latest = db
		.select({ seq: max(cardVersions.seq) })
		.from(cardVersions)
		.where(and(eq(cardVersions.tableId, tableId), lte(cardVersions.commandSeq, seq)))
		.groupBy(cardVersions.cardId);
	const rows = db.select().from(cardVersions).where(inArray(cardVersions.seq, latest)).all();
	return new Map(rows.map((r) => [r.cardId, r.data as unknown as CardRow]));
}

export function clustersAt(db: Db, tableId: string, seq: number): Map<string, ClusterRow> {
	const latest = db
		.select({ seq: max(clusterVersions.seq) })
		.from(clusterVersions)
		.where(and(eq(clusterVersions.tableId, tableId), lte(clusterVersions.commandSeq, seq)))
		.groupBy(clusterVersions.clusterId);
	const rows = db.select().from(clusterVersions).where(inArray(clusterVersions.seq, latest)).all();
	return new Map(rows.map((r) => [r.clusterId, r.data as unknown as ClusterRow]));
}

/** Each voter's dots per card right after command `seq`: key `${cardId} ${participantId}`. */
export function dotsAt(db: Db, tableId: string, seq: number): Map<string, number> {
	const rows = db
		.select({
			cardId: voteEvents.cardId,
			participantId: voteEvents.participantId,
			dots: sql<number>`sum(${voteEvents.delta})`
		})
		.from(voteEvents)
		.where(and(eq(voteEvents.tableId, tableId), lte(voteEvents.commandSeq, seq)))
		.groupBy(voteEvents.cardId, voteEvents.participantId)
		.all();
	return new Map(rows.filter((r) => Number(r.dots) > 0).map((r) => [`${r.cardId} ${r.participantId}`, Number(r.dots)]));
}

const onBoard = (c: CardRow) => c.withdrawnAt === null && c.hiddenAt === null && c.mergedIntoId === null;

/**
 * The board as it was right after command `seq`, with its tallies (for facilitators: history shows
 * every vote). Themes and the phase are today's: the history is about cards, clusters and votes.
 */
export function loadBoardViewAt(db: Db, tableId: string, seq: number): BoardView | null {
	const now = loadBoardView(db, tableId);
	if (!now) return null;
	const rows = Array.from(cardsAt(db, tableId, seq).values());
	const tallies = new Map<string, number>();
	for (const [key, dots] of dotsAt(db, tableId, seq)) {
		const cardId = key.split(' ')[0];
		tallies.set(cardId, (tallies.get(cardId) ?? 0) + dots);
	}
	const anonymous = now.meta.anonymous;
	const merged = new Map<string, { text: string; authorName: string | null }[]>();
	for (const r of rows.filter((r) => r.mergedIntoId !== null && r.withdrawnAt === null)) {
		const list = merged.get(r.mergedIntoId!) ?? [];
		list.push({ text: r.text, authorName: anonymous ? null : r.authorName });
		merged.set(r.mergedIntoId!, list);
	}
	const order = (a: { orderKey: string; id: string }, b: { orderKey: string; id: string }) =>
		a.orderKey < b.orderKey ? -1 : a.orderKey > b.orderKey ? 1 : a.id < b.id ? -1 : 1;
	return {
		meta: { ...now.meta, talliesVisible: true },
		themes: now.themes,
		messages: now.messages,
		clusters: Array.from(clustersAt(db, tableId, seq).values())
			.filter((c) => c.mergedIntoId === null && c.dissolvedAt === null)
			.sort(order)
			.map((c) => ({ id: c.id, themeId: c.themeId, name: c.name, orderKey: c.orderKey })),
		cards: rows
			.filter(onBoard)
			.sort(order)
			.map((r) => toBoardCard(r, anonymous, { votes: tallies.get(r.id) ?? 0, merged: merged.get(r.id) ?? [] }))
	};
}

export interface HistoryEntry {
	seq: number;
	at: number;
	type: string;
	/** Who did it: a name in named meetings and for facilitators, else null. */
	actorName: string | null;
}

/** The commands that changed this table's board, newest first (for the history list). */
export function tableHistory(db: Db, tableId: string, limit = 200): HistoryEntry[] {
	const table = db.select().from(tables).where(eq(tables.id, tableId)).get();
	if (!table) return [];
	const meeting = db.select().from(meetings).where(eq(meetings.id, table.meetingId)).get()!;
	const rows = db
		.select()
		.from(commandLog)
		.where(and(eq(commandLog.meetingId, table.meetingId), sql`json_extract(${commandLog.payload}, '$.tableId') = ${tableId}`))
		.orderBy(desc(commandLog.seq))
		.limit(limit)
		.all();
	return rows.map((r) => ({
		seq: r.seq,
		at: r.at,
		type: r.type,
		actorName: r.actorKind === 'participant' && meeting.anonymous ? null : actorName(db, r.actorKind, r.actorId)
	}));
}

function actorName(db: Db, kind: 'user' | 'participant', id: string): string | null {
	const query =
		kind === 'user'
			? sql`select name as name from users where id = ${id}`
			: sql`select display_name as name from participants where id = ${id}`;
	return (db.get<{ name: string } | undefined>(query)?.name as string | undefined) ?? null;
}

/** The version of a card just before the given version (null: the card did not exist yet). */
export function previousCardVersion(db: Db, cardId: string, beforeSeq: number): CardRow | null {
	const row = db
		.select()
		.from(cardVersions)
		.where(and(eq(cardVersions.cardId, cardId), lt(cardVersions.seq, beforeSeq)))
		.orderBy(desc(cardVersions.seq))
		.limit(1)
		.get();
	return row ? (row.data as unknown as CardRow) : null;
}

export function previousClusterVersion(db: Db, clusterId: string, beforeSeq: number): ClusterRow | null {
	const row = db
		.select()
		.from(clusterVersions)
		.where(and(eq(clusterVersions.clusterId, clusterId), lt(clusterVersions.seq, beforeSeq)))
		.orderBy(desc(clusterVersions.seq))
		.limit(1)
		.get();
	return row ? (row.data as unknown as ClusterRow) : null;
}

/**
 * The versions one command wrote, and whether each entity still is as that command left it (same
 * state, whatever happened in between: an edit that was itself undone does not block an undo).
 */
export function versionsOf(db: Db, commandSeq: number) {
	const cardRows = db.select().from(cardVersions).where(eq(cardVersions.commandSeq, commandSeq)).orderBy(asc(cardVersions.seq)).all();
	const clusterRows = db
		.select()
		.from(clusterVersions)
		.where(eq(clusterVersions.commandSeq, commandSeq))
		.orderBy(asc(clusterVersions.seq))
		.all();
	const events = db.select().from(voteEvents).where(eq(voteEvents.commandSeq, commandSeq)).all();
	const state = (row: object | undefined, fields: readonly string[]) =>
		row && JSON.stringify(fields.map((f) => (row as Record<string, unknown>)[f]));
	return {
		cards: cardRows.map((r) => ({
			...r,
			current:
				state(db.select().from(cards).where(eq(cards.id, r.cardId)).get(), CARD_STATE_FIELDS) ===
				state(r.data, CARD_STATE_FIELDS)
		})),
		clusters: clusterRows.map((r) => ({
			...r,
			current:
				state(db.select().from(clusters).where(eq(clusters.id, r.clusterId)).get(), CLUSTER_STATE_FIELDS) ===
				state(r.data, CLUSTER_STATE_FIELDS)
		})),
		events
	};
}

/** Themes that still exist, so a restored row never points at a deleted one. */
export function existingThemeIds(db: Db, meetingId: string): Set<string> {
	return new Set(listThemes(db, meetingId).map((t) => t.id));
}

export const CARD_STATE_FIELDS = [
	'text',
	'themeId',
	'clusterId',
	'orderKey',
	'withdrawnAt',
	'hiddenAt',
	'hiddenReason',
	'mergedIntoId'
] as const;

export const CLUSTER_STATE_FIELDS = ['themeId', 'name', 'orderKey', 'mergedIntoId', 'dissolvedAt'] as const;

