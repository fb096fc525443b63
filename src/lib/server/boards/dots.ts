import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
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

export function dotsOf(db: Db, cardId: string, participantId: string): number {
	return (
		db
			.select({ dots: votes.dots })
			.from(votes)
			.where(and(eq(votes.cardId, cardId), eq(votes.participantId, participantId)))
			.get()?.dots ?? 0
	);
}

/** Sets a voter's dots on a card (0 removes the row) and logs the difference. */
export function setDots(scope: DotsScope, cardId: string, participantId: string, dots: number): void {
	const before = dotsOf(scope.db, cardId, participantId);
	if (before === dots) return;
	const where = and(eq(votes.cardId, cardId), eq(votes.participantId, participantId));
	if (dots === 0) scope.db.delete(votes).where(where).run();
	else if (before === 0) {
		scope.db
			.insert(votes)
			.values({ cardId, participantId, tableId: scope.tableId, meetingId: scope.meetingId, dots, updatedAt: scope.now })
			.run();
	} else scope.db.update(votes).set({ dots, updatedAt: scope.now }).where(where).run();
	scope.db
		.insert(voteEvents)
		.values({ commandSeq: scope.seq, tableId: scope.tableId, cardId, participantId, delta: dots - before })
		.run();
}

/** Everyone's dots on one card. */
export function dotsOnCard(db: Db, cardId: string): Map<string, number> {
	return new Map(
		db
			.select({ voter: votes.participantId, dots: votes.dots })
			.from(votes)
			.where(eq(votes.cardId, cardId))
			.all()
			.map((r) => [r.voter, r.dots])
	);
}
