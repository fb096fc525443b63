import { and, eq, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { votes } from '../db/schema.ts';
import { dotsUsed } from './board-cards.ts';
import { liveCard } from './card-commands.ts';
import { defineCommand, type Outcome } from './run-board-command.ts';
import { checkCast } from './vote-rules.ts';

// Dot voting. Each command is one dot; the budget and the per-card cap are checked inside the
// transaction that writes, so concurrent clicks can never overspend.

const Id = v.pipe(v.string('id-required'), v.regex(/^[a-z2-7]{10,40}$/, 'id-invalid'));

export interface VoteResult {
	cardId: string;
	/** The voter's dots on this card after the command. */
	onCard: number;
	/** Dots the voter has left at this table. */
	left: number;
}

export const castVote = defineCommand({
	type: 'vote.cast',
	who: 'participant',
	schema: v.object({ cardId: Id }),
	run(ctx, input): Outcome<VoteResult> {
		const voter = ctx.participantId!;
		if (!ctx.allows('vote')) return { ok: false, reason: 'wrong-phase' };
		const card = liveCard(ctx, input.cardId);
		if (!card) return { ok: false, reason: 'card-not-found' };
		const used = dotsUsed(ctx.db, voter, ctx.table.id);
		const mine = ctx.db
			.select({ dots: votes.dots })
			.from(votes)
			.where(and(eq(votes.cardId, card.id), eq(votes.participantId, voter)))
			.get();
		const onCard = mine?.dots ?? 0;
		const denial = checkCast({
			budget: ctx.meeting.voteBudget,
			used,
			perCardMax: ctx.meeting.votePerCardMax,
			onCard
		});
		if (denial) return { ok: false, reason: denial };
		ctx.db
			.insert(votes)
			.values({
				cardId: card.id,
				participantId: voter,
				tableId: ctx.table.id,
				meetingId: ctx.meeting.id,
				dots: 1,
				updatedAt: ctx.now
			})
			.onConflictDoUpdate({
				target: [votes.cardId, votes.participantId],
				set: { dots: sql`${votes.dots} + 1`, updatedAt: ctx.now }
			})
			.run();
		return {
			ok: true,
			result: { cardId: card.id, onCard: onCard + 1, left: ctx.meeting.voteBudget - used - 1 }
		};
	}
});

export const withdrawVote = defineCommand({
	type: 'vote.withdraw',
	who: 'participant',
	schema: v.object({ cardId: Id }),
	run(ctx, input): Outcome<VoteResult> {
		const voter = ctx.participantId!;
		if (!ctx.allows('vote')) return { ok: false, reason: 'wrong-phase' };
		const card = liveCard(ctx, input.cardId);
		if (!card) return { ok: false, reason: 'card-not-found' };
		const mine = ctx.db
			.select({ dots: votes.dots })
			.from(votes)
			.where(and(eq(votes.cardId, card.id), eq(votes.participantId, voter)))
			.get();
		if (!mine) return { ok: false, reason: 'no-vote-to-withdraw' };
		const where = and(eq(votes.cardId, card.id), eq(votes.participantId, voter));
		if (mine.dots > 1) ctx.db.update(votes).set({ dots: mine.dots - 1, updatedAt: ctx.now }).where(where).run();
		else ctx.db.delete(votes).where(where).run();
		const used = dotsUsed(ctx.db, voter, ctx.table.id);
		return {
			ok: true,
			result: { cardId: card.id, onCard: mine.dots - 1, left: ctx.meeting.voteBudget - used }
		};
	}
});
