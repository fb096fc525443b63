import { first } from '../db/query.ts';
import { and, count, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { FacilitationBoardView, TableFigures } from '../../realtime/facilitation-board.ts';
import type { Db } from '../db/client.ts';
import { cards, meetings, participants, tables, votes } from '../db/schema.ts';
import { onBoard } from './on-board.ts';

// The facilitation view: what the facilitation room and the dashboard show of all boards (tallies,
// hidden cards, figures per table), read from SQL.

/** The dashboard's figures per table: seats, cards, dots cast and left, phase, last card. */
async function tableFigures(db: Db, meeting: typeof meetings.$inferSelect, ids: readonly string[]): Promise<TableFigures[]> {
	const list = await db.select().from(tables).where(inArray(tables.id, ids as string[]));
	const seated = countBy(
		await db.select({ key: participants.tableId, n: count() }).from(participants).where(inArray(participants.tableId, ids as string[])).groupBy(participants.tableId)
	);
	const cardCounts = countBy(
		await db.select({ key: cards.tableId, n: count() }).from(cards).where(and(inArray(cards.tableId, ids as string[]), onBoard)).groupBy(cards.tableId)
	);
	const lastCard = new Map(
		(await db
			.select({ key: cards.tableId, at: sql<number>`max(${cards.createdAt})` })
			.from(cards)
			.where(inArray(cards.tableId, ids as string[]))
			.groupBy(cards.tableId))
			.map((r) => [r.key, Number(r.at)])
	);
	const cast = countBy(
		await db
			.select({ key: votes.tableId, n: sql<number>`sum(${votes.dots})` })
			.from(votes)
			.where(inArray(votes.tableId, ids as string[]))
			.groupBy(votes.tableId)
	);
	return list.map((t) => {
		const people = seated.get(t.id) ?? 0;
		const dots = cast.get(t.id) ?? 0;
		return {
			id: t.id,
			tableId: t.id,
			name: t.name,
			phase: t.phase,
			phaseEndsAt: t.phaseEndsAt,
			seated: people,
			cards: cardCounts.get(t.id) ?? 0,
			votesCast: dots,
			// Dots of people who moved away stay where they were cast; never show a negative rest.
			votesLeft: Math.max(0, people * meeting.voteBudget - dots),
			lastCardAt: lastCard.get(t.id) ?? null
		};
	});
}

function countBy(rows: Array<{ key: string | null; n: number }>): Map<string, number> {
	return new Map(rows.filter((r) => r.key !== null).map((r) => [r.key!, Number(r.n)]));
}

/** Tallies and hidden cards of the given tables (every table of the meeting when null). */
export async function loadFacilitationBoard(
	db: Db,
	meetingId: string,
	tableIds: readonly string[] | null
): Promise<FacilitationBoardView> {
	const meeting = await first(db.select().from(meetings).where(eq(meetings.id, meetingId)));
	const ids =
		tableIds ??
		(await db
			.select({ id: tables.id })
			.from(tables)
			.where(eq(tables.meetingId, meetingId)))
			.map((t) => t.id);
	if (!meeting || ids.length === 0) return { tallies: [], hiddenCards: [], tableFigures: [] };
	const tallyRows = await db
		.select({ cardId: votes.cardId, tableId: votes.tableId, dots: sql<number>`sum(${votes.dots})` })
		.from(votes)
		.innerJoin(cards, eq(cards.id, votes.cardId))
		.where(and(inArray(votes.tableId, ids), onBoard))
		.groupBy(votes.cardId, votes.tableId);
	const hidden = await db
		.select()
		.from(cards)
		.where(
			and(
				inArray(cards.tableId, ids),
				isNotNull(cards.hiddenAt),
				isNull(cards.withdrawnAt),
				isNull(cards.mergedIntoId)
			)
		);
	return {
		tableFigures: await tableFigures(db, meeting, ids),
		tallies: tallyRows.map((r) => ({ id: r.cardId, tableId: r.tableId, votes: Number(r.dots) })),
		hiddenCards: hidden.map((c) => ({
			id: c.id,
			tableId: c.tableId,
			text: c.text,
			authorName: meeting.anonymous ? null : c.authorName,
			reason: c.hiddenReason ?? '',
			hiddenAt: c.hiddenAt!
		}))
	};
}
