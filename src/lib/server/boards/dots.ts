import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/prepared.ts';
import { voteEvents, votes } from '../db/schema.ts';

// The one place dots change: the votes row (the current state) and a vote event (the history) together.

export interface DotsScope {
	db: Db;
	/** The command log seq of the command making the change. */
	seq: number;
	now: number;
	tableId: string;
	meetingId: string;
}

const dotsQuery = preparedQuery((db) =>
	db
		.select({ dots: votes.dots })
		.from(votes)
		.where(and(eq(votes.cardId, sql.placeholder('cardId')), eq(votes.participantId, sql.placeholder('participantId'))))
		.prepare()
);

export async function dotsOf(db: Db, cardId: string, participantId: string): Promise<number> {
	return (await dotsQuery(db).execute({ cardId, participantId }))[0]?.dots ?? 0;
}

const insertVote = preparedQuery((db) =>
	db
		.insert(votes)
		.values({
			cardId: sql.placeholder('cardId'),
			participantId: sql.placeholder('participantId'),
			tableId: sql.placeholder('tableId'),
			meetingId: sql.placeholder('meetingId'),
			dots: sql.placeholder('dots'),
			updatedAt: sql.placeholder('updatedAt')
		})
		.prepare()
);
const updateVote = preparedQuery((db) =>
	db
		.update(votes)
		// Plain integers: drizzle's types want SQL here, not a bare placeholder.
		.set({ dots: sql`${sql.placeholder('dots')}`, updatedAt: sql`${sql.placeholder('updatedAt')}` })
		.where(and(eq(votes.cardId, sql.placeholder('cardId')), eq(votes.participantId, sql.placeholder('participantId'))))
		.prepare()
);
const insertVoteEvent = preparedQuery((db) =>
	db
		.insert(voteEvents)
		.values({
			commandSeq: sql.placeholder('commandSeq'),
			tableId: sql.placeholder('tableId'),
			cardId: sql.placeholder('cardId'),
			participantId: sql.placeholder('participantId'),
			delta: sql.placeholder('delta')
		})
		.prepare()
);

// One budget per person per round: the sum over every table of the meeting, not over the table the
// voter sits at now. Counted per table, a voter could take a seat elsewhere and spend the budget
// again while the first dots stayed. Dots stay where they were cast when the voter moves.
const spentQuery = preparedQuery((db) =>
	db
		.select({ n: sql<number>`coalesce(sum(${votes.dots}), 0)` })
		.from(votes)
		.where(and(eq(votes.participantId, sql.placeholder('participantId')), eq(votes.meetingId, sql.placeholder('meetingId'))))
		.prepare()
);

/** How many dots a participant has placed in the table round, at all tables of the meeting. */
export async function dotsSpent(db: Db, participantId: string, meetingId: string): Promise<number> {
	return Number((await spentQuery(db).execute({ participantId, meetingId }))[0]?.n ?? 0);
}

/** Sets a voter's dots on a card (0 removes the row) and logs the difference. */
export async function setDots(scope: DotsScope, cardId: string, participantId: string, dots: number): Promise<void> {
	const before = await dotsOf(scope.db, cardId, participantId);
	if (before === dots) return;
	if (dots === 0) {
		await scope.db.delete(votes).where(and(eq(votes.cardId, cardId), eq(votes.participantId, participantId)));
	}
	else if (before === 0) {
		await insertVote(scope.db).execute({ cardId, participantId, tableId: scope.tableId, meetingId: scope.meetingId, dots, updatedAt: scope.now });
	} else await updateVote(scope.db).execute({ cardId, participantId, dots, updatedAt: scope.now });
	await insertVoteEvent(scope.db).execute({ commandSeq: scope.seq, tableId: scope.tableId, cardId, participantId, delta: dots - before });
}

/** Everyone's dots on one card. */
export async function dotsOnCard(db: Db, cardId: string): Promise<Map<string, number>> {
	return new Map(
		(await db
			.select({ voter: votes.participantId, dots: votes.dots })
			.from(votes)
			.where(eq(votes.cardId, cardId)))
			.map((r) => [r.voter, r.dots])
	);
}
