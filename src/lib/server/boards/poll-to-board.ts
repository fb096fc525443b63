import { eq, inArray } from 'drizzle-orm';
import { generateKeyBetween } from 'fractional-indexing';
import * as v from 'valibot';
import { LIMITS } from '../../realtime/limits.ts';
import { cards, participants, pollResponses } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { countLiveCards, lastOrderKey } from './board-counters.ts';
import { existingThemeIds } from './board-history.ts';
import { defineCommand, type Outcome } from './board-scope.ts';

// From poll to board: a facilitator turns chosen open answers and explanations into cards at a table.

const Id = v.pipe(v.string('id-required'), v.regex(/^[a-z2-7]{10,40}$/, 'id-invalid'));

/** Longer answers are cut to fit a card; the full text stays in the poll. */
export function cardTextFrom(answer: string): string {
	const text = answer.trim().replace(/\s+/g, ' ');
	return text.length <= LIMITS.cardTextMax ? text : `${text.slice(0, LIMITS.cardTextMax - 1).trimEnd()}…`;
}

export const cardsFromPoll = defineCommand({
	type: 'cards.from-poll',
	who: 'facilitator',
	schema: v.object({
		items: v.pipe(
			v.array(v.object({ responseId: Id, part: v.picklist(['answer', 'explanation'], 'part-invalid') })),
			v.minLength(1, 'items-required'),
			v.maxLength(50, 'items-too-many')
		),
		/** Optionally straight into one of the meeting's themes. */
		themeId: v.optional(v.nullable(Id))
	}),
	async run(ctx, input): Promise<Outcome<{ cardIds: string[]; texts: string[] }>> {
		if (!ctx.allows('add')) return { ok: false, reason: 'wrong-phase' };
		const themeId = input.themeId ?? null;
		if (themeId && !(await existingThemeIds(ctx.db, ctx.meeting.id)).has(themeId)) return { ok: false, reason: 'theme-not-found' };
		const ids = input.items.map((i) => i.responseId);
		const rows = await ctx.db
			.select({ response: pollResponses, person: participants })
			.from(pollResponses)
			.innerJoin(participants, eq(participants.id, pollResponses.participantId))
			.where(inArray(pollResponses.id, ids));
		const byId = new Map(rows.map((r) => [r.response.id, r]));
		if ((await countLiveCards(ctx.db, ctx.table.id)) + input.items.length > LIMITS.cardsPerTable) {
			return { ok: false, reason: 'table-full' };
		}
		let key = await lastOrderKey(ctx.db, ctx.table.id);
		const cardIds: string[] = [];
		const texts: string[] = [];
		for (const item of input.items) {
			const row = byId.get(item.responseId);
			if (!row || row.response.meetingId !== ctx.meeting.id) return { ok: false, reason: 'not-found' };
			const source = item.part === 'answer' ? row.response.value : row.response.explanation;
			if (typeof source !== 'string' || source.trim() === '') return { ok: false, reason: 'invalid' };
			// The author comes along only in a named meeting; otherwise the card is the facilitator's.
			const named = !ctx.meeting.anonymous;
			const facilitator = ctx.actor.kind === 'user' ? ctx.actor.user : null;
			key = generateKeyBetween(key, null);
			const id = newId();
			await ctx.db
				.insert(cards)
				.values({
					id,
					meetingId: ctx.meeting.id,
					tableId: ctx.table.id,
					authorUserId: named ? null : (facilitator?.id ?? null),
					authorParticipantId: named ? row.person.id : null,
					authorName: named ? row.person.displayName : (facilitator?.name ?? null),
					text: cardTextFrom(source),
					themeId,
					orderKey: key,
					createdAt: ctx.now,
					updatedAt: ctx.now
				});
			if (named) ctx.touch({ participantId: row.person.id });
			cardIds.push(id);
			texts.push(cardTextFrom(source));
		}
		return { ok: true, result: { cardIds, texts } };
	}
});
