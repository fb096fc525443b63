import { jsonTextEquals } from '../db/dialect-sql.ts';
import { mapInOrder } from '../in-order.ts';
import { first, firstRow } from '../db/query.ts';
import { and, asc, desc, eq, inArray, lt, lte, max, sql } from 'drizzle-orm';
import type { BoardView } from '../../realtime/board-doc.ts';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/prepared.ts';
import { cardVersions, cards, clusterVersions, clusters, commandLog, meetings, participants, tables, users, voteEvents } from '../db/schema.ts';
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

export async function captureVersions(db: Db, tableIds: readonly string[], seq: number, now: number): Promise<CapturedVersions> {
	const captured: CapturedVersions = { cardIds: [], clusterIds: [] };
	for (const tableId of tableIds) {
		const changedCards = await cardsChangedAt(db).execute({ tableId, now });
		for (const row of changedCards) {
			await insertCardVersion(db).execute({ seq, tableId, id: row.id, data: row });
			captured.cardIds.push(row.id);
		}
		const changedClusters = await clustersChangedAt(db).execute({ tableId, now });
		for (const row of changedClusters) {
			await insertClusterVersion(db).execute({ seq, tableId, id: row.id, data: row });
			captured.clusterIds.push(row.id);
		}
	}
	return captured;
}

/** Every card of the table as it was right after command `seq` (withdrawn, hidden and merged ones too). */
export async function cardsAt(db: Db, tableId: string, seq: number): Promise<Map<string, CardRow>> {
	const latest = db
		.select({ seq: max(cardVersions.seq) })
		.from(cardVersions)
		.where(and(eq(cardVersions.tableId, tableId), lte(cardVersions.commandSeq, seq)))
		.groupBy(cardVersions.cardId);
	const rows = await db.select().from(cardVersions).where(inArray(cardVersions.seq, latest));
	return new Map(rows.map((r) => [r.cardId, r.data as unknown as CardRow]));
}

export async function clustersAt(db: Db, tableId: string, seq: number): Promise<Map<string, ClusterRow>> {
	const latest = db
		.select({ seq: max(clusterVersions.seq) })
		.from(clusterVersions)
		.where(and(eq(clusterVersions.tableId, tableId), lte(clusterVersions.commandSeq, seq)))
		.groupBy(clusterVersions.clusterId);
	const rows = await db.select().from(clusterVersions).where(inArray(clusterVersions.seq, latest));
	return new Map(rows.map((r) => [r.clusterId, r.data as unknown as ClusterRow]));
}

/** Each voter's dots per card right after command `seq`: key `${cardId} ${participantId}`. */
export async function dotsAt(db: Db, tableId: string, seq: number): Promise<Map<string, number>> {
	const rows = await db
		.select({
			cardId: voteEvents.cardId,
			participantId: voteEvents.participantId,
			dots: sql<number>`sum(${voteEvents.delta})`
		})
		.from(voteEvents)
		.where(and(eq(voteEvents.tableId, tableId), lte(voteEvents.commandSeq, seq)))
		.groupBy(voteEvents.cardId, voteEvents.participantId);
	return new Map(rows.filter((r) => Number(r.dots) > 0).map((r) => [`${r.cardId} ${r.participantId}`, Number(r.dots)]));
}

const onBoard = (c: CardRow) => c.withdrawnAt === null && c.hiddenAt === null && c.mergedIntoId === null;

/**
 * The board as it was right after command `seq`, with its tallies (for facilitators: history shows
 * every vote). Themes and the phase are today's: the history is about cards, clusters and votes.
 */
export async function loadBoardViewAt(db: Db, tableId: string, seq: number): Promise<BoardView | null> {
	const now = await loadBoardView(db, tableId);
	if (!now) return null;
	const rows = Array.from((await cardsAt(db, tableId, seq)).values());
	const tallies = new Map<string, number>();
	for (const [key, dots] of (await dotsAt(db, tableId, seq))) {
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
		clusters: Array.from((await clustersAt(db, tableId, seq)).values())
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
export async function tableHistory(db: Db, tableId: string, limit = 200): Promise<HistoryEntry[]> {
	const table = await first(db.select().from(tables).where(eq(tables.id, tableId)));
	if (!table) return [];
	const meeting = (await first(db.select().from(meetings).where(eq(meetings.id, table.meetingId))))!;
	const rows = await db
		.select()
		.from(commandLog)
		.where(and(eq(commandLog.meetingId, table.meetingId), jsonTextEquals(commandLog.payload, 'tableId', tableId)))
		.orderBy(desc(commandLog.seq))
		.limit(limit);
	return await mapInOrder(rows, async (r) => ({
		seq: r.seq,
		at: r.at,
		type: r.type,
		actorName: r.actorKind === 'participant' && meeting.anonymous ? null : await actorName(db, r.actorKind, r.actorId)
	}));
}

async function actorName(db: Db, kind: 'user' | 'participant', id: string): Promise<string | null> {
	const row =
		kind === 'user'
			? await first(db.select({ name: users.name }).from(users).where(eq(users.id, id)))
			: await first(db.select({ name: participants.displayName }).from(participants).where(eq(participants.id, id)));
	return row?.name ?? null;
}

/** The version of a card just before the given version (null: the card did not exist yet). */
export async function previousCardVersion(db: Db, cardId: string, beforeSeq: number): Promise<CardRow | null> {
	const row = await firstRow(db
		.select()
		.from(cardVersions)
		.where(and(eq(cardVersions.cardId, cardId), lt(cardVersions.seq, beforeSeq)))
		.orderBy(desc(cardVersions.seq))
		.limit(1));
	return row ? (row.data as unknown as CardRow) : null;
}

export async function previousClusterVersion(db: Db, clusterId: string, beforeSeq: number): Promise<ClusterRow | null> {
	const row = await firstRow(db
		.select()
		.from(clusterVersions)
		.where(and(eq(clusterVersions.clusterId, clusterId), lt(clusterVersions.seq, beforeSeq)))
		.orderBy(desc(clusterVersions.seq))
		.limit(1));
	return row ? (row.data as unknown as ClusterRow) : null;
}

/**
 * The versions one command wrote, and whether each entity still is as that command left it (same
 * state, whatever happened in between: an edit that was itself undone does not block an undo).
 */
export async function versionsOf(db: Db, commandSeq: number) {
	const cardRows = await db.select().from(cardVersions).where(eq(cardVersions.commandSeq, commandSeq)).orderBy(asc(cardVersions.seq));
	const clusterRows = await db
		.select()
		.from(clusterVersions)
		.where(eq(clusterVersions.commandSeq, commandSeq))
		.orderBy(asc(clusterVersions.seq));
	const events = await db.select().from(voteEvents).where(eq(voteEvents.commandSeq, commandSeq));
	const state = (row: object | undefined, fields: readonly string[]) =>
		row && JSON.stringify(fields.map((f) => (row as Record<string, unknown>)[f]));
	return {
		cards: await mapInOrder(cardRows, async (r) => ({
			...r,
			current:
				state(await first(db.select().from(cards).where(eq(cards.id, r.cardId))), CARD_STATE_FIELDS) ===
				state(r.data, CARD_STATE_FIELDS)
		})),
		clusters: await mapInOrder(clusterRows, async (r) => ({
			...r,
			current:
				state(await first(db.select().from(clusters).where(eq(clusters.id, r.clusterId))), CLUSTER_STATE_FIELDS) ===
				state(r.data, CLUSTER_STATE_FIELDS)
		})),
		events
	};
}

/** Themes that still exist, so a restored row never points at a deleted one. */
export async function existingThemeIds(db: Db, meetingId: string): Promise<Set<string>> {
	return new Set((await listThemes(db, meetingId)).map((t) => t.id));
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

