import { and, desc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { cards, clusters, commandLog } from '../db/schema.ts';
import { actorRef } from '../commands/command-log.ts';
import type { BoardAction } from '../../realtime/phase-rules.ts';
import {
	CARD_STATE_FIELDS,
	CLUSTER_STATE_FIELDS,
	cardsAt,
	clustersAt,
	dotsAt,
	existingThemeIds,
	previousCardVersion,
	previousClusterVersion,
	versionsOf
} from './board-history.ts';
import { dotsOf, dotsOnCard, dotsSpent, setDots } from './dots.ts';
import { defineCommand, type CommandContext, type Outcome } from './board-scope.ts';

// Restore and undo write forward: each is a new command whose changes are history of their own, so a
// restore can be undone like any other command.

type CardState = Pick<typeof cards.$inferSelect, (typeof CARD_STATE_FIELDS)[number]>;
type ClusterState = Pick<typeof clusters.$inferSelect, (typeof CLUSTER_STATE_FIELDS)[number]>;

function pick<T extends object, K extends keyof T>(row: T, fields: readonly K[]): Pick<T, K> {
	const out = {} as Pick<T, K>;
	for (const f of fields) out[f] = row[f];
	return out;
}

async function writeCard(ctx: CommandContext, id: string, state: CardState, themes: Set<string>): Promise<void> {
	const themeId = state.themeId && themes.has(state.themeId) ? state.themeId : null;
	await ctx.db.update(cards).set({ ...state, themeId, updatedAt: ctx.now }).where(eq(cards.id, id));
}

async function writeCluster(ctx: CommandContext, id: string, state: ClusterState, themes: Set<string>): Promise<void> {
	const themeId = state.themeId && themes.has(state.themeId) ? state.themeId : null;
	await ctx.db.update(clusters).set({ ...state, themeId, updatedAt: ctx.now }).where(eq(clusters.id, id));
}

/** A facilitator puts a table's board back as it was right after command `toSeq`. */
export const restoreBoard = defineCommand({
	type: 'board.restore',
	who: 'facilitator',
	schema: v.object({ toSeq: v.pipe(v.number('seq-invalid'), v.integer('seq-invalid'), v.minValue(0, 'seq-invalid')) }),
	async run(ctx, input): Promise<Outcome<{ toSeq: number; cards: number; clusters: number }>> {
		if (input.toSeq >= ctx.seq) return { ok: false, reason: 'invalid' };
		if (!ctx.allows('change-own')) return { ok: false, reason: 'wrong-phase' };
		const themes = await existingThemeIds(ctx.db, ctx.meeting.id);
		const pastCards = await cardsAt(ctx.db, ctx.table.id, input.toSeq);
		const nowCards = await ctx.db.select().from(cards).where(eq(cards.tableId, ctx.table.id));
		let changedCards = 0;
		for (const row of nowCards) {
			const past = pastCards.get(row.id);
			// Cards written after that moment leave the board (as withdrawn); undoing the restore brings them back.
			const state: CardState = past ? pick(past, CARD_STATE_FIELDS) : { ...pick(row, CARD_STATE_FIELDS), withdrawnAt: row.withdrawnAt ?? ctx.now };
			if (JSON.stringify(state) === JSON.stringify(pick(row, CARD_STATE_FIELDS))) continue;
			await writeCard(ctx, row.id, state, themes);
			if (row.authorParticipantId) ctx.touch({ participantId: row.authorParticipantId });
			changedCards++;
		}
		const pastClusters = await clustersAt(ctx.db, ctx.table.id, input.toSeq);
		let changedClusters = 0;
		for (const row of (await ctx.db.select().from(clusters).where(eq(clusters.tableId, ctx.table.id)))) {
			const past = pastClusters.get(row.id);
			const state: ClusterState = past
				? pick(past, CLUSTER_STATE_FIELDS)
				: { ...pick(row, CLUSTER_STATE_FIELDS), dissolvedAt: row.dissolvedAt ?? ctx.now };
			if (JSON.stringify(state) === JSON.stringify(pick(row, CLUSTER_STATE_FIELDS))) continue;
			await writeCluster(ctx, row.id, state, themes);
			changedClusters++;
		}
		const pastDots = await dotsAt(ctx.db, ctx.table.id, input.toSeq);
		const nowDots = await dotsAt(ctx.db, ctx.table.id, Number.MAX_SAFE_INTEGER);
		for (const key of new Set([...pastDots.keys(), ...nowDots.keys()])) {
			const [cardId, participantId] = key.split(' ');
			const want = pastDots.get(key) ?? 0;
			if (want === (nowDots.get(key) ?? 0)) continue;
			await setDots(ctx.dots(), cardId, participantId, want);
			ctx.touch({ participantId });
		}
		return { ok: true, result: { toSeq: input.toSeq, cards: changedCards, clusters: changedClusters } };
	}
});

const UNDOABLE: Record<string, Exclude<BoardAction, 'moderate'>> = {
	'card.add': 'change-own',
	'card.edit': 'change-own',
	'card.withdraw': 'change-own',
	'card.hide': 'change-own',
	'card.restore': 'change-own',
	'card.move': 'sort',
	'cards.accept-suggestions': 'sort',
	'card.merge': 'sort',
	'cluster.create': 'sort',
	'cluster.rename': 'sort',
	'cluster.move': 'sort',
	'cluster.merge': 'sort',
	'cluster.dissolve': 'sort',
	'vote.cast': 'vote',
	'vote.withdraw': 'vote',
	'board.restore': 'change-own'
};

/** The actor's latest command at this table that is not undone yet (undo walks back one at a time). */
async function lastUndoable(ctx: CommandContext) {
	const { actorId } = actorRef(ctx.actor);
	const mine = (await ctx.db
		.select()
		.from(commandLog)
		.where(and(eq(commandLog.meetingId, ctx.meeting.id), eq(commandLog.actorId, actorId)))
		.orderBy(desc(commandLog.seq))
		.limit(200))
		.filter((c) => (c.payload as { tableId?: string }).tableId === ctx.table.id);
	const undone = new Set(
		mine.filter((c) => c.type === 'command.undo').map((c) => (c.result as { undoneSeq?: number }).undoneSeq)
	);
	return mine.find((c) => c.type in UNDOABLE && !undone.has(c.seq)) ?? null;
}

/** Undoes the actor's own last command at this table, if nothing has changed its work since. */
export const undoCommand = defineCommand({
	type: 'command.undo',
	who: 'anyone-at-table',
	// `seq` (optional): undo only if that is still the actor's last command, so a button that offers
	// "undo this restore" never undoes something else done since.
	schema: v.object({ seq: v.optional(v.pipe(v.number('seq-invalid'), v.integer('seq-invalid'), v.minValue(1, 'seq-invalid'))) }),
	async run(ctx, input): Promise<Outcome<{ undoneSeq: number; undoneType: string }>> {
		const last = await lastUndoable(ctx);
		if (!last) return { ok: false, reason: 'nothing-to-undo' };
		if (input.seq !== undefined && input.seq !== last.seq) return { ok: false, reason: 'not-last-command' };
		if (!ctx.allows(UNDOABLE[last.type])) return { ok: false, reason: 'wrong-phase' };
		const written = await versionsOf(ctx.db, last.seq);
		if (written.cards.some((c) => !c.current) || written.clusters.some((c) => !c.current)) {
			return { ok: false, reason: 'changed-since' };
		}
		const themes = await existingThemeIds(ctx.db, ctx.meeting.id);
		for (const version of written.cards) {
			const before = await previousCardVersion(ctx.db, version.cardId, version.seq);
			const now = version.data as unknown as typeof cards.$inferSelect;
			const state = before ? pick(before, CARD_STATE_FIELDS) : { ...pick(now, CARD_STATE_FIELDS), withdrawnAt: ctx.now };
			await writeCard(ctx, version.cardId, state, themes);
			// The author's own room lists their cards: it must follow the card back on or off the board.
			if (now.authorParticipantId) ctx.touch({ participantId: now.authorParticipantId });
			const offBoard = state.withdrawnAt !== null || state.hiddenAt !== null || state.mergedIntoId !== null;
			if (offBoard && !written.events.some((e) => e.cardId === version.cardId)) {
				for (const [voter, dots] of (await dotsOnCard(ctx.db, version.cardId))) {
					await ctx.notify(voter, 'votes-returned', { dots, text: now.text });
					await setDots(ctx.dots(), version.cardId, voter, 0);
				}
			}
		}
		for (const version of written.clusters) {
			const before = await previousClusterVersion(ctx.db, version.clusterId, version.seq);
			const now = version.data as unknown as typeof clusters.$inferSelect;
			await writeCluster(ctx, version.clusterId, before ? pick(before, CLUSTER_STATE_FIELDS) : { ...pick(now, CLUSTER_STATE_FIELDS), dissolvedAt: ctx.now }, themes);
		}
		for (const event of written.events) {
			const current = await dotsOf(ctx.db, event.cardId, event.participantId);
			const want = current - event.delta;
			if (want < 0) return { ok: false, reason: 'changed-since' };
			// Taking back a withdrawn dot must still fit the budget.
			if (event.delta < 0 && (await dotsSpent(ctx.db, event.participantId, ctx.meeting.id)) - event.delta > ctx.meeting.voteBudget) {
				return { ok: false, reason: 'budget-spent' };
			}
			await setDots(ctx.dots(), event.cardId, event.participantId, want);
			ctx.touch({ participantId: event.participantId });
		}
		return { ok: true, result: { undoneSeq: last.seq, undoneType: last.type } };
	}
});
