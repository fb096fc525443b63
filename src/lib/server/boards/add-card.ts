import { generateKeyBetween } from 'fractional-indexing';
import * as v from 'valibot';
import type { BoardCard } from '../../realtime/board-doc.ts';
import { LIMITS } from '../../realtime/limits.ts';
import type { Db } from '../db/client.ts';
import { cards } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { checkAddCard } from '../access/policies.ts';
import { loadTableFacts } from '../access/facts.ts';
import { getMeeting } from '../meetings/queries.ts';
import { actorRef, CommandIdSchema, findCommand, recordCommand } from '../commands/command-log.ts';
import type { DomainChange } from '../events.ts';
import { newId } from '../ids.ts';
import { countLiveCards, lastOrderKey, toBoardCard } from './board-cards.ts';

export const AddCardSchema = v.object({
	commandId: CommandIdSchema,
	text: v.pipe(
		v.string('text-required'),
		v.trim(),
		v.nonEmpty('text-required'),
		v.maxLength(LIMITS.cardTextMax, 'text-too-long')
	)
});

export type AddCardResult =
	| { ok: true; card: BoardCard; replayed: boolean; change: DomainChange | null }
	| { ok: false; reason: 'not-found' | 'not-allowed' | 'meeting-not-active' | 'table-full' | 'command-id-taken' }
	| { ok: false; reason: 'invalid'; errors: Record<string, string> };

/**
 * Adds a key question to a table. Checked (membership, meeting state, limits), committed with its
 * command-log entry in one transaction; the caller publishes `change` after the commit.
 */
export function addCard(db: Db, actor: Actor, tableId: string, input: unknown, now: number): AddCardResult {
	const parsed = v.safeParse(AddCardSchema, input);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.issues) {
			const key = String(issue.path?.[0]?.key ?? 'form');
			errors[key] ??= issue.message;
		}
		return { ok: false, reason: 'invalid', errors };
	}
	const { commandId, text } = parsed.output;
	// A retry of an applied command answers as the first time did, even if the meeting closed since.
	// (The whole function is synchronous, so no other request can slip in between check and insert.)
	const earlier = findCommand(db, commandId);
	if (earlier) {
		const result = earlier.result as { card?: BoardCard };
		if (earlier.type !== 'card.add' || earlier.actorId !== actorRef(actor).actorId || !result.card) {
			return { ok: false, reason: 'command-id-taken' };
		}
		return { ok: true, card: result.card, replayed: true, change: null };
	}
	const table = loadTableFacts(db, tableId);
	if (!table) return { ok: false, reason: 'not-found' };
	const denial = checkAddCard(actor, table);
	if (denial) return { ok: false, reason: denial };
	const meeting = getMeeting(db, table.meeting.id);
	if (!meeting) return { ok: false, reason: 'not-found' };

	return db.transaction((tx): AddCardResult => {
		const txDb = tx as unknown as Db;
		if (countLiveCards(txDb, tableId) >= LIMITS.cardsPerTable) return { ok: false, reason: 'table-full' };
		const row = {
			id: newId(),
			meetingId: meeting.id,
			tableId,
			authorUserId: actor.kind === 'user' ? actor.user.id : null,
			authorParticipantId: actor.kind === 'participant' ? actor.participant.id : null,
			authorName: actor.kind === 'user' ? actor.user.name : actor.participant.displayName,
			text,
			orderKey: generateKeyBetween(lastOrderKey(txDb, tableId), null),
			createdAt: now,
			updatedAt: now,
			withdrawnAt: null
		};
		tx.insert(cards).values(row).run();
		const card = toBoardCard(row, meeting.anonymous);
		recordCommand(txDb, {
			commandId,
			type: 'card.add',
			meetingId: meeting.id,
			actor,
			payload: { tableId, text },
			result: { card },
			at: now
		});
		return {
			ok: true,
			card,
			replayed: false,
			change: { type: 'card.upserted', meetingId: meeting.id, tableId, card }
		};
	});
}
