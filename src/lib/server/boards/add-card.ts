import { generateKeyBetween } from 'fractional-indexing';
import * as v from 'valibot';
import type { BoardCard } from '../../realtime/board-doc.ts';
import { LIMITS } from '../../realtime/limits.ts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/prepared.ts';
import { cards } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { newId } from '../ids.ts';
import { liveCardsAndLastKey } from './board-counters.ts';
import { toBoardCard } from './board-view.ts';
import { talliesVisible } from '../../realtime/phase-rules.ts';
import { CardText } from './card-commands.ts';
import {
	defineCommand,
	runBoardCommand,
	type BoardCommandResult,
	type Outcome
} from './board-scope.ts';

const CARD_COLUMNS = [
	'id', 'meetingId', 'tableId', 'authorUserId', 'authorParticipantId', 'authorName', 'text', 'orderKey',
	'themeId', 'clusterId', 'createdAt', 'updatedAt', 'withdrawnAt', 'hiddenAt', 'hiddenReason', 'mergedIntoId'
] as const;
// The one insert every new card runs, prepared once (see preparedQuery).
const insertCard = preparedQuery((db) =>
	db
		.insert(cards)
		.values(Object.fromEntries(CARD_COLUMNS.map((c) => [c, sql.placeholder(c)])) as unknown as typeof cards.$inferInsert)
		.prepare()
);

export const addCardCommand = defineCommand({
	type: 'card.add',
	who: 'anyone-at-table',
	changes: 'cards',
	schema: v.object({ text: CardText }),
	async run(ctx, input): Promise<Outcome<{ card: BoardCard }>> {
		if (!ctx.allows('add')) return { ok: false, reason: 'wrong-phase' };
		const { live, lastKey } = await liveCardsAndLastKey(ctx.db, ctx.table.id);
		if (live >= LIMITS.cardsPerTable) return { ok: false, reason: 'table-full' };
		const actor = ctx.actor;
		const row = {
			id: newId(),
			meetingId: ctx.meeting.id,
			tableId: ctx.table.id,
			authorUserId: actor.kind === 'user' ? actor.user.id : null,
			authorParticipantId: actor.kind === 'participant' ? actor.participant.id : null,
			authorName: actor.kind === 'user' ? actor.user.name : actor.participant.displayName,
			text: input.text,
			orderKey: generateKeyBetween(lastKey, null),
			themeId: null,
			clusterId: null,
			createdAt: ctx.now,
			updatedAt: ctx.now,
			withdrawnAt: null,
			hiddenAt: null,
			hiddenReason: null,
			mergedIntoId: null
		};
		await insertCard(ctx.db).execute(row);
		// As loadBoardCard reads it back after the commit: nothing merged into it yet, no dots yet (shown
		// as 0 while the board shows tallies), the table and meeting as read in this transaction.
		ctx.shows(
			toBoardCard(row, ctx.meeting.anonymous, { votes: talliesVisible(ctx.table.phase, ctx.meeting.talliesLive) ? 0 : null })
		);
		return { ok: true, result: { card: toBoardCard(row, ctx.meeting.anonymous) } };
	}
});

export type AddCardResult = BoardCommandResult<{ card: BoardCard }>;

/**
 * Adds a key question to a table: checked (membership, meeting state, phase, limits) and committed with
 * its command-log entry in one transaction; the caller publishes `change` after the commit.
 */
export async function addCard(db: Db, actor: Actor, tableId: string, input: unknown, now: number): Promise<AddCardResult> {
	return runBoardCommand(db, actor, tableId, input, now, addCardCommand);
}
