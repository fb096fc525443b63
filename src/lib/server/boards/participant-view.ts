import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { ParticipantView } from '../../realtime/participant-doc.ts';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/prepared.ts';
import { cards, meetings, notices, participants, plenaryVotes, votes } from '../db/schema.ts';
import { dotsSpent } from './dots.ts';
import { onBoard } from './on-board.ts';

// The participant view: what a participant's own doc holds (their cards, dots, notices), read from SQL.

const participantRow = preparedQuery((db) =>
	db.select().from(participants).where(eq(participants.id, sql.placeholder('id'))).prepare()
);
const meetingRow = preparedQuery((db) => db.select().from(meetings).where(eq(meetings.id, sql.placeholder('id'))).prepare());

const NOTICES_SHOWN = 20;

/** What the participant's own doc holds; null when there is no such participant. */
export async function loadParticipantView(db: Db, participantId: string): Promise<ParticipantView | null> {
	// Key lookups rather than a join, as in loadBoardView: this runs after every vote.
	const participant = (await participantRow(db).execute({ id: participantId }))[0];
	const meeting = participant && (await meetingRow(db).execute({ id: participant.meetingId }))[0];
	if (!participant || !meeting) return null;
	const tableId = participant.tableId;
	const myCards = tableId
		? (await db
				.select({ id: cards.id })
				.from(cards)
				.where(
					and(eq(cards.authorParticipantId, participantId), eq(cards.tableId, tableId), onBoard)
				))
				.map((c) => c.id)
		: [];
	const myVotes = tableId
		? await db
				.select({ id: votes.cardId, dots: votes.dots })
				.from(votes)
				.where(and(eq(votes.participantId, participantId), eq(votes.tableId, tableId)))
				.orderBy(asc(votes.cardId))
		: [];
	const recent = await db
		.select()
		.from(notices)
		.where(eq(notices.participantId, participantId))
		.orderBy(desc(notices.createdAt), desc(notices.id))
		.limit(NOTICES_SHOWN);
	const myPlenaryVotes = await db
		.select({ id: plenaryVotes.itemId, dots: plenaryVotes.dots })
		.from(plenaryVotes)
		.where(eq(plenaryVotes.participantId, participantId))
		.orderBy(asc(plenaryVotes.itemId));
	return {
		state: {
			tableId,
			voteBudget: meeting.voteBudget,
			// The whole round's dots, wherever cast: the budget is one per person, not per table.
			votesUsed: await dotsSpent(db, participantId, meeting.id),
			votePerCardMax: meeting.votePerCardMax,
			plenaryBudget: meeting.plenaryBudget,
			plenaryUsed: myPlenaryVotes.reduce((sum, v) => sum + v.dots, 0)
		},
		myPlenaryVotes,
		myCards,
		myVotes,
		notices: recent.map((n) => ({
			id: n.id,
			kind: n.kind as ParticipantView['notices'][number]['kind'],
			payload: n.payload,
			createdAt: n.createdAt
		}))
	};
}
