import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { cards } from '../db/schema.ts';
import { defineCommand } from './board-scope.ts';
import { confidentSuggestions } from './table-suggestions.ts';

// The facilitator accepts all confident suggestions of a table at once: one command, so one entry in
// the history and one undo for all the cards it sorted.

const Id = v.pipe(v.string('id-required'), v.regex(/^[a-z2-7]{10,40}$/, 'id-invalid'));

/** More than a table ever holds; keeps the payload bounded. */
const ACCEPT_MAX = 500;

export const acceptSuggestions = defineCommand({
	type: 'cards.accept-suggestions',
	who: 'facilitator',
	changes: 'cards',
	// What the facilitator saw: the command moves only what is still confidently suggested now, so a
	// card sorted (or a theme changed) in the meantime is left as people put it.
	schema: v.object({
		accept: v.pipe(
			v.array(v.object({ cardId: Id, themeId: Id }), 'accept-invalid'),
			v.minLength(1, 'accept-empty'),
			v.maxLength(ACCEPT_MAX, 'accept-too-many')
		)
	}),
	async run(ctx, input) {
		if (!ctx.allows('sort')) return { ok: false, reason: 'wrong-phase' };
		const now = new Map((await confidentSuggestions(ctx.db, ctx.table.id, ctx.meeting.id)).map((c) => [c.cardId, c.themeId]));
		const moved: Array<{ cardId: string; themeId: string }> = [];
		for (const { cardId, themeId } of input.accept) {
			if (now.get(cardId) !== themeId) continue;
			now.delete(cardId);
			await ctx.db.update(cards).set({ themeId, clusterId: null, updatedAt: ctx.now }).where(eq(cards.id, cardId));
			moved.push({ cardId, themeId });
		}
		if (!moved.length) return { ok: false, reason: 'changed-since' };
		return { ok: true, result: { moved: moved.length, skipped: input.accept.length - moved.length, cards: moved } };
	}
});
