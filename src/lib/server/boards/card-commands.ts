import { first, firstRow } from '#lib/server/db/query.ts';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { generateKeyBetween } from 'fractional-indexing';
import * as v from 'valibot';
import { LIMITS } from '../../realtime/limits.ts';
import { hasVisibleText } from '../../realtime/visible-text.ts';
import { preparedQuery } from '../db/prepared.ts';
import { cards, clusters, themes } from '../db/schema.ts';
import { dotsOnCard, setDots } from './dots.ts';
import { lastOrderKey } from './board-counters.ts';
import { defineCommand, type CommandContext, type Outcome } from './board-scope.ts';
import { mergeDots } from './vote-rules.ts';

// Commands on one card: edit, withdraw, hide, restore, move (sort), merge a duplicate.

const Id = v.pipe(v.string('id-required'), v.regex(/^[a-z2-7]{10,40}$/, 'id-invalid'));

export const CardText = v.pipe(
	v.string('text-required'),
	v.trim(),
	v.nonEmpty('text-required'),
	v.check(hasVisibleText, 'text-required'),
	v.maxLength(LIMITS.cardTextMax, 'text-too-long')
);

export const HIDE_REASON_MAX = 200;

type CardRow = typeof cards.$inferSelect;

/** A card of this table that is on the board (not withdrawn, hidden or merged away). */
const cardById = preparedQuery((db) => db.select().from(cards).where(eq(cards.id, sql.placeholder('cardId'))).prepare());

export async function liveCard(ctx: CommandContext, cardId: string): Promise<CardRow | null> {
	const row = (await cardById(ctx.db).execute({ cardId }))[0];
	if (!row || row.tableId !== ctx.table.id) return null;
	if (row.withdrawnAt !== null || row.hiddenAt !== null || row.mergedIntoId !== null) return null;
	return row;
}

function isOwn(ctx: CommandContext, card: CardRow): boolean {
	return ctx.actor.kind === 'participant'
		? card.authorParticipantId === ctx.actor.participant.id
		: card.authorUserId === ctx.actor.user.id;
}

/** A card the actor may change: their own (in a phase that allows it) or any, for a facilitator. */
async function changeableCard(ctx: CommandContext, cardId: string): Promise<Outcome<CardRow>> {
	const card = await liveCard(ctx, cardId);
	if (!card) return { ok: false, reason: 'card-not-found' };
	if (!ctx.facilitator && !isOwn(ctx, card)) return { ok: false, reason: 'not-own-card' };
	if (!ctx.allows('change-own')) return { ok: false, reason: 'wrong-phase' };
	return { ok: true, result: card };
}

/** Gives every voter back their dots on a card leaving the board, and tells them. */
async function returnVotes(ctx: CommandContext, card: CardRow): Promise<void> {
	for (const [voter, dots] of (await dotsOnCard(ctx.db, card.id))) {
		await ctx.notify(voter, 'votes-returned', { dots, text: card.text });
		await setDots(ctx.dots(), card.id, voter, 0);
	}
}

function authorParticipant(card: CardRow): string | null {
	return card.authorParticipantId;
}

export const editCard = defineCommand({
	type: 'card.edit',
	who: 'anyone-at-table',
	changes: 'cards',
	schema: v.object({ cardId: Id, text: CardText }),
	async run(ctx, input) {
		const found = await changeableCard(ctx, input.cardId);
		if (!found.ok) return found;
		await ctx.db.update(cards).set({ text: input.text, updatedAt: ctx.now }).where(eq(cards.id, input.cardId));
		return { ok: true, result: { cardId: input.cardId } };
	}
});

export const withdrawCard = defineCommand({
	type: 'card.withdraw',
	who: 'anyone-at-table',
	changes: 'cards',
	schema: v.object({ cardId: Id }),
	async run(ctx, input) {
		const found = await changeableCard(ctx, input.cardId);
		if (!found.ok) return found;
		// Only an author withdraws; a facilitator hides (so the reason is kept).
		if (!isOwn(ctx, found.result)) return { ok: false, reason: 'not-own-card' };
		await returnVotes(ctx, found.result);
		await ctx.db.update(cards).set({ withdrawnAt: ctx.now, updatedAt: ctx.now }).where(eq(cards.id, input.cardId));
		return { ok: true, result: { cardId: input.cardId } };
	}
});

const Reason = v.pipe(
	v.string('reason-required'),
	v.trim(),
	v.nonEmpty('reason-required'),
	v.maxLength(HIDE_REASON_MAX, 'reason-too-long')
);

export const hideCard = defineCommand({
	type: 'card.hide',
	who: 'facilitator',
	changes: 'cards',
	schema: v.object({ cardId: Id, reason: Reason }),
	async run(ctx, input) {
		const card = await liveCard(ctx, input.cardId);
		if (!card) return { ok: false, reason: 'card-not-found' };
		if (!ctx.allows('change-own')) return { ok: false, reason: 'wrong-phase' };
		await returnVotes(ctx, card);
		await ctx.db
			.update(cards)
			.set({ hiddenAt: ctx.now, hiddenReason: input.reason, updatedAt: ctx.now })
			.where(eq(cards.id, card.id));
		const author = authorParticipant(card);
		if (author) await ctx.notify(author, 'card-hidden', { text: card.text, reason: input.reason });
		return { ok: true, result: { cardId: card.id } };
	}
});

export const restoreCard = defineCommand({
	type: 'card.restore',
	who: 'facilitator',
	changes: 'cards',
	schema: v.object({ cardId: Id }),
	async run(ctx, input) {
		const card = await first(ctx.db.select().from(cards).where(eq(cards.id, input.cardId)));
		if (!card || card.tableId !== ctx.table.id || card.withdrawnAt !== null || card.mergedIntoId !== null) {
			return { ok: false, reason: 'card-not-found' };
		}
		if (card.hiddenAt === null) return { ok: false, reason: 'not-hidden' };
		if (!ctx.allows('change-own')) return { ok: false, reason: 'wrong-phase' };
		await ctx.db
			.update(cards)
			.set({ hiddenAt: null, hiddenReason: null, updatedAt: ctx.now })
			.where(eq(cards.id, card.id));
		const author = authorParticipant(card);
		if (author) ctx.touch({ participantId: author });
		return { ok: true, result: { cardId: card.id } };
	}
});

/** An order key that puts a card just before `beforeId` (a card of the table), or last. */
export async function orderKeyBefore(ctx: CommandContext, beforeId: string | null, movingId: string): Promise<string> {
	const before = beforeId ? await liveCard(ctx, beforeId) : null;
	if (!before || before.id === movingId) return generateKeyBetween(await lastOrderKey(ctx.db, ctx.table.id), null);
	const previous = await firstRow(ctx.db
		.select({ key: cards.orderKey })
		.from(cards)
		.where(and(eq(cards.tableId, ctx.table.id), lt(cards.orderKey, before.orderKey)))
		.orderBy(desc(cards.orderKey))
		.limit(1));
	return generateKeyBetween(previous?.key ?? null, before.orderKey);
}

/** The theme and cluster a card may be moved to: a theme of the meeting, a cluster of the table. */
export async function placement(
	ctx: CommandContext,
	themeId: string | null,
	clusterId: string | null
): Promise<Outcome<{ themeId: string | null; clusterId: string | null }>> {
	if (clusterId) {
		const cluster = await first(ctx.db.select().from(clusters).where(eq(clusters.id, clusterId)));
		if (!cluster || cluster.tableId !== ctx.table.id || cluster.mergedIntoId !== null || cluster.dissolvedAt !== null) {
			return { ok: false, reason: 'cluster-not-found' };
		}
		// A cluster sits in one theme: its cards go with it.
		return { ok: true, result: { themeId: cluster.themeId, clusterId } };
	}
	if (themeId) {
		const theme = await first(ctx.db.select().from(themes).where(eq(themes.id, themeId)));
		if (!theme || theme.meetingId !== ctx.meeting.id) return { ok: false, reason: 'theme-not-found' };
	}
	return { ok: true, result: { themeId, clusterId: null } };
}

const NullableId = v.nullable(Id);

export const moveCard = defineCommand({
	type: 'card.move',
	who: 'anyone-at-table',
	changes: 'cards',
	schema: v.object({
		cardId: Id,
		themeId: v.optional(NullableId, null),
		clusterId: v.optional(NullableId, null),
		beforeCardId: v.optional(NullableId, null),
		// The theme the board suggested for the card when it was moved (null: it suggested none). Only
		// stored in the log, where learning (themes/learning.ts) reads moves against a suggestion.
		suggestedThemeId: v.optional(NullableId)
	}),
	async run(ctx, input) {
		if (!ctx.allows('sort')) return { ok: false, reason: 'wrong-phase' };
		const card = await liveCard(ctx, input.cardId);
		if (!card) return { ok: false, reason: 'card-not-found' };
		const place = await placement(ctx, input.themeId, input.clusterId);
		if (!place.ok) return place;
		const orderKey = input.beforeCardId ? await orderKeyBefore(ctx, input.beforeCardId, card.id) : card.orderKey;
		await ctx.db
			.update(cards)
			.set({ ...place.result, orderKey, updatedAt: ctx.now })
			.where(eq(cards.id, card.id));
		return { ok: true, result: { cardId: card.id, ...place.result } };
	}
});

export const mergeCards = defineCommand({
	type: 'card.merge',
	who: 'anyone-at-table',
	schema: v.object({ cardId: Id, intoCardId: Id }),
	async run(ctx, input) {
		if (input.cardId === input.intoCardId) return { ok: false, reason: 'same-card' };
		if (!ctx.allows('sort')) return { ok: false, reason: 'wrong-phase' };
		const source = await liveCard(ctx, input.cardId);
		const target = await liveCard(ctx, input.intoCardId);
		if (!source || !target) return { ok: false, reason: 'card-not-found' };

		const sourceDots = await dotsOnCard(ctx.db, source.id);
		const merged = mergeDots(await dotsOnCard(ctx.db, target.id), sourceDots, ctx.meeting.votePerCardMax);
		for (const voter of sourceDots.keys()) await setDots(ctx.dots(), source.id, voter, 0);
		for (const [voter, dots] of merged.kept) {
			await setDots(ctx.dots(), target.id, voter, dots);
			ctx.touch({ participantId: voter });
		}
		for (const [voter, dots] of merged.returned) {
			await ctx.notify(voter, 'votes-returned', { dots, text: target.text });
		}
		// Cards merged into the source follow it, so a card's duplicates are always one level deep.
		await ctx.db
			.update(cards)
			.set({ mergedIntoId: target.id, updatedAt: ctx.now })
			.where(eq(cards.mergedIntoId, source.id));
		await ctx.db
			.update(cards)
			.set({ mergedIntoId: target.id, updatedAt: ctx.now })
			.where(eq(cards.id, source.id));
		await ctx.db.update(cards).set({ updatedAt: ctx.now }).where(eq(cards.id, target.id));
		if (source.authorParticipantId) ctx.touch({ participantId: source.authorParticipantId });
		return { ok: true, result: { cardId: source.id, intoCardId: target.id } };
	}
});
