import * as v from 'valibot';
import { dotsOf, dotsSpent, setDots } from './dots.ts';
import { liveCard } from './card-commands.ts';
import { defineCommand, type Outcome } from './board-scope.ts';
import { checkCast } from './vote-rules.ts';

// Dot voting. Each command is one dot; the budget and the per-card cap are checked inside the
// transaction that writes, so concurrent clicks can never overspend. The budget is the person's for
// the whole table round: dots cast at another table (before a seat change) count against it.

const Id = v.pipe(v.string('id-required'), v.regex(/^[a-z2-7]{10,40}$/, 'id-invalid'));

export interface VoteResult {
	cardId: string;
	/** The voter's dots on this card after the command. */
	onCard: number;
	/** Dots the voter has left in the table round (the budget minus their dots at every table). */
	left: number;
}

export const castVote = defineCommand({
	type: 'vote.cast',
	who: 'participant',
	changes: 'tallies',
	schema: v.object({ cardId: Id }),
	async run(ctx, input): Promise<Outcome<VoteResult>> {
		const voter = ctx.participantId!;
		if (!ctx.allows('vote')) return { ok: false, reason: 'wrong-phase' };
		const card = await liveCard(ctx, input.cardId);
		if (!card) return { ok: false, reason: 'card-not-found' };
		const used = await dotsSpent(ctx.db, voter, ctx.meeting.id);
		const onCard = await dotsOf(ctx.db, card.id, voter);
		const denial = checkCast({
			budget: ctx.meeting.voteBudget,
			used,
			perCardMax: ctx.meeting.votePerCardMax,
			onCard
		});
		if (denial) return { ok: false, reason: denial };
		await setDots(ctx.dots(), card.id, voter, onCard + 1);
		return {
			ok: true,
			result: { cardId: card.id, onCard: onCard + 1, left: ctx.meeting.voteBudget - used - 1 }
		};
	}
});

export const withdrawVote = defineCommand({
	type: 'vote.withdraw',
	who: 'participant',
	changes: 'tallies',
	schema: v.object({ cardId: Id }),
	async run(ctx, input): Promise<Outcome<VoteResult>> {
		const voter = ctx.participantId!;
		if (!ctx.allows('vote')) return { ok: false, reason: 'wrong-phase' };
		const card = await liveCard(ctx, input.cardId);
		if (!card) return { ok: false, reason: 'card-not-found' };
		const mine = await dotsOf(ctx.db, card.id, voter);
		if (mine === 0) return { ok: false, reason: 'no-vote-to-withdraw' };
		await setDots(ctx.dots(), card.id, voter, mine - 1);
		const used = await dotsSpent(ctx.db, voter, ctx.meeting.id);
		return {
			ok: true,
			result: { cardId: card.id, onCard: mine - 1, left: ctx.meeting.voteBudget - used }
		};
	}
});
