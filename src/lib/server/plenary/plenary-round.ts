import { first } from '../db/query.ts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { generateKeyBetween } from 'fractional-indexing';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { meetings, participants, plenaryItems, plenaryVotes, tables } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { loadMeetingFacts } from '../access/facts.ts';
import { canManageMeeting, isMeetingParticipant } from '../access/policies.ts';
import { cardTallies, listBoardCards, listClusters } from '../boards/board-view.ts';
import {
	boardStep,
	commandNamed,
	UNKNOWN_COMMAND,
	type BoardCommandResult,
	type Outcome
} from '../boards/board-scope.ts';
import { parseWith, runCommand } from '../commands/frame.ts';
import { refuse } from '../commands/refusals.ts';
import { checkCast } from '../boards/vote-rules.ts';
import { listMeetingTables } from '../meetings/queries.ts';
import { newId } from '../ids.ts';
import { rankItems, topItems } from '../../realtime/ranking.ts';
import type { PlenaryItemView, PlenaryView } from '../../realtime/plenary-doc.ts';

// The plenary round (a two-stage vote): each table's top N items go to one board the whole room sees
// (in meeting:<id>), the facilitator groups duplicates, and everyone votes again with a fresh budget.

const Id = v.pipe(v.string('id-required'), v.regex(/^[a-z2-7]{10,40}$/, 'id-invalid'));
const Small = (code: string) =>
	v.pipe(v.number(code), v.integer(code), v.minValue(1, code), v.maxValue(20, code));

/** The plenary board as SQL has it. */
export async function loadPlenaryView(db: Db, meetingId: string): Promise<PlenaryView | null> {
	const meeting = await first(db.select().from(meetings).where(eq(meetings.id, meetingId)));
	if (!meeting) return null;
	const rows = await db
		.select({ item: plenaryItems, tableName: tables.name })
		.from(plenaryItems)
		.leftJoin(tables, eq(tables.id, plenaryItems.sourceTableId))
		.where(eq(plenaryItems.meetingId, meetingId))
		.orderBy(asc(plenaryItems.orderKey), asc(plenaryItems.id));
	const dots = new Map(
		(await db
			.select({ id: plenaryVotes.itemId, n: sql<number>`sum(${plenaryVotes.dots})` })
			.from(plenaryVotes)
			.where(eq(plenaryVotes.meetingId, meetingId))
			.groupBy(plenaryVotes.itemId))
			.map((r) => [r.id, Number(r.n)])
	);
	const merged = new Map<string, PlenaryItemView['merged']>();
	for (const r of rows) {
		if (!r.item.mergedIntoId) continue;
		const list = merged.get(r.item.mergedIntoId) ?? [];
		list.push({ label: r.item.label, tableName: r.tableName });
		merged.set(r.item.mergedIntoId, list);
	}
	return {
		state: { phase: meeting.plenaryPhase, budget: meeting.plenaryBudget },
		items: rows
			.filter((r) => r.item.mergedIntoId === null)
			.map((r) => ({
				id: r.item.id,
				label: r.item.label,
				tableName: r.tableName,
				cards: r.item.cards,
				tableVotes: r.item.tableVotes,
				tableRank: r.item.tableRank,
				merged: merged.get(r.item.id) ?? [],
				votes: dots.get(r.item.id) ?? 0,
				orderKey: r.item.orderKey
			}))
	};
}

interface PlenaryContext {
	db: Db;
	actor: Actor;
	now: number;
	meeting: typeof meetings.$inferSelect;
	facilitator: boolean;
	touched: { tables: Set<string>; participants: Set<string> };
}

interface PlenaryCommandDef<S extends v.GenericSchema, R> {
	type: string;
	schema: S;
	who: 'facilitator' | 'participant';
	run(ctx: PlenaryContext, input: v.InferOutput<S>): Promise<Outcome<R>>;
}

function define<S extends v.GenericSchema, R>(def: PlenaryCommandDef<S, R>) {
	return def;
}

async function liveItem(ctx: PlenaryContext, itemId: string) {
	const item = await first(ctx.db.select().from(plenaryItems).where(eq(plenaryItems.id, itemId)));
	return item && item.meetingId === ctx.meeting.id && item.mergedIntoId === null ? item : null;
}

async function touchVoters(ctx: PlenaryContext): Promise<void> {
	const voters = await ctx.db
		.select({ id: plenaryVotes.participantId })
		.from(plenaryVotes)
		.where(eq(plenaryVotes.meetingId, ctx.meeting.id));
	for (const v of voters) ctx.touched.participants.add(v.id);
}

/** Every participant's own doc shows the plenary budget. */
async function touchMeetingParticipants(ctx: PlenaryContext): Promise<void> {
	for (const p of (await ctx.db.select({ id: participants.id }).from(participants).where(eq(participants.meetingId, ctx.meeting.id)))) {
		ctx.touched.participants.add(p.id);
	}
}

/** Sends each table's top N (ties included) to the plenary board and opens it for grouping. */
export const startPlenary = define({
	type: 'plenary.start',
	who: 'facilitator',
	schema: v.object({ topN: Small('top-invalid'), budget: Small('budget-invalid') }),
	async run(ctx, input): Promise<Outcome<{ items: number }>> {
		if (ctx.meeting.plenaryPhase !== 'off') return { ok: false, reason: 'plenary-started' };
		let key: string | null = null;
		let count = 0;
		for (const table of (await listMeetingTables(ctx.db, ctx.meeting.id))) {
			// Ranked by the votes in SQL, whether or not the table sees its tallies yet.
			const tallies = await cardTallies(ctx.db, [table.id]);
			const cards = (await listBoardCards(ctx.db, table.id)).map((c) => ({ ...c, votes: tallies.get(c.id) ?? 0 }));
			for (const item of topItems(rankItems(cards, await listClusters(ctx.db, table.id)), input.topN)) {
				key = generateKeyBetween(key, null);
				await ctx.db
					.insert(plenaryItems)
					.values({
						id: newId(),
						meetingId: ctx.meeting.id,
						sourceTableId: table.id,
						sourceKind: item.kind,
						sourceId: item.id,
						label: item.label,
						cards: item.cards.map((c) => ({ text: c.text, votes: c.votes })),
						tableVotes: item.votes,
						tableRank: item.rank,
						orderKey: key,
						updatedAt: ctx.now
					});
				count++;
			}
		}
		await ctx.db
			.update(meetings)
			.set({ plenaryPhase: 'cluster', plenaryBudget: input.budget })
			.where(eq(meetings.id, ctx.meeting.id));
		await touchMeetingParticipants(ctx);
		return { ok: true, result: { items: count } };
	}
});

export const setPlenaryPhase = define({
	type: 'plenary.phase',
	who: 'facilitator',
	schema: v.object({
		phase: v.picklist(['cluster', 'vote', 'done'], 'phase-invalid'),
		/** Opening the vote may set the room's budget anew, as long as nobody has voted yet. */
		budget: v.optional(Small('budget-invalid'))
	}),
	async run(ctx, input): Promise<Outcome<{ phase: string; budget: number }>> {
		if (ctx.meeting.plenaryPhase === 'off') return { ok: false, reason: 'plenary-not-started' };
		const budget = input.budget ?? ctx.meeting.plenaryBudget;
		if (budget !== ctx.meeting.plenaryBudget) {
			if (input.phase !== 'vote') return { ok: false, reason: 'wrong-phase' };
			// A budget changed under cast votes would leave some people over it, or with dots they never had.
			const cast = await first(ctx.db.select({ id: plenaryVotes.itemId }).from(plenaryVotes).where(eq(plenaryVotes.meetingId, ctx.meeting.id)));
			if (cast) return { ok: false, reason: 'plenary-votes-cast' };
			await touchMeetingParticipants(ctx);
		}
		await ctx.db.update(meetings).set({ plenaryPhase: input.phase, plenaryBudget: budget }).where(eq(meetings.id, ctx.meeting.id));
		return { ok: true, result: { phase: input.phase, budget } };
	}
});

/** Back to no plenary round: its items and votes are removed (the tables keep theirs). */
export const resetPlenary = define({
	type: 'plenary.reset',
	who: 'facilitator',
	schema: v.object({}),
	async run(ctx): Promise<Outcome<{ phase: 'off' }>> {
		await touchVoters(ctx);
		await ctx.db.delete(plenaryItems).where(eq(plenaryItems.meetingId, ctx.meeting.id));
		await ctx.db.update(meetings).set({ plenaryPhase: 'off' }).where(eq(meetings.id, ctx.meeting.id));
		return { ok: true, result: { phase: 'off' } };
	}
});

/** Groups a duplicate under another item: its label stays visible there and its votes move. */
export const mergePlenaryItems = define({
	type: 'plenary.merge',
	who: 'facilitator',
	schema: v.object({ itemId: Id, intoItemId: Id }),
	async run(ctx, input): Promise<Outcome<{ itemId: string; intoItemId: string }>> {
		if (input.itemId === input.intoItemId) return { ok: false, reason: 'same-card' };
		if (ctx.meeting.plenaryPhase === 'off' || ctx.meeting.plenaryPhase === 'done') return { ok: false, reason: 'wrong-phase' };
		const source = await liveItem(ctx, input.itemId);
		const target = await liveItem(ctx, input.intoItemId);
		if (!source || !target) return { ok: false, reason: 'card-not-found' };
		for (const vote of (await ctx.db.select().from(plenaryVotes).where(eq(plenaryVotes.itemId, source.id)))) {
			await ctx.db
				.insert(plenaryVotes)
				.values({ ...vote, itemId: target.id, updatedAt: ctx.now })
				.onConflictDoUpdate({
					target: [plenaryVotes.itemId, plenaryVotes.participantId],
					set: { dots: sql`${plenaryVotes.dots} + ${vote.dots}`, updatedAt: ctx.now }
				});
			ctx.touched.participants.add(vote.participantId);
		}
		await ctx.db.delete(plenaryVotes).where(eq(plenaryVotes.itemId, source.id));
		await ctx.db
			.update(plenaryItems)
			.set({ mergedIntoId: target.id, updatedAt: ctx.now })
			.where(eq(plenaryItems.mergedIntoId, source.id));
		await ctx.db.update(plenaryItems).set({ mergedIntoId: target.id, updatedAt: ctx.now }).where(eq(plenaryItems.id, source.id));
		return { ok: true, result: { itemId: source.id, intoItemId: target.id } };
	}
});

async function myDots(ctx: PlenaryContext, itemId: string, participantId: string): Promise<number> {
	return (
		(await first(ctx.db
			.select({ dots: plenaryVotes.dots })
			.from(plenaryVotes)
			.where(and(eq(plenaryVotes.itemId, itemId), eq(plenaryVotes.participantId, participantId)))))?.dots ?? 0
	);
}

async function spent(ctx: PlenaryContext, participantId: string): Promise<number> {
	return Number(
		(await first(ctx.db
			.select({ n: sql<number>`coalesce(sum(${plenaryVotes.dots}), 0)` })
			.from(plenaryVotes)
			.where(and(eq(plenaryVotes.participantId, participantId), eq(plenaryVotes.meetingId, ctx.meeting.id)))))?.n ?? 0
	);
}

export const castPlenaryVote = define({
	type: 'plenary.vote',
	who: 'participant',
	schema: v.object({ itemId: Id }),
	async run(ctx, input): Promise<Outcome<{ itemId: string; left: number }>> {
		const voter = ctx.actor.kind === 'participant' ? ctx.actor.participant.id : '';
		if (ctx.meeting.plenaryPhase !== 'vote') return { ok: false, reason: 'wrong-phase' };
		const item = await liveItem(ctx, input.itemId);
		if (!item) return { ok: false, reason: 'card-not-found' };
		const used = await spent(ctx, voter);
		const onItem = await myDots(ctx, item.id, voter);
		const denial = checkCast({ budget: ctx.meeting.plenaryBudget, used, perCardMax: null, onCard: onItem });
		if (denial) return { ok: false, reason: denial };
		await ctx.db
			.insert(plenaryVotes)
			.values({ itemId: item.id, participantId: voter, meetingId: ctx.meeting.id, dots: 1, updatedAt: ctx.now })
			.onConflictDoUpdate({
				target: [plenaryVotes.itemId, plenaryVotes.participantId],
				set: { dots: sql`${plenaryVotes.dots} + 1`, updatedAt: ctx.now }
			});
		return { ok: true, result: { itemId: item.id, left: ctx.meeting.plenaryBudget - used - 1 } };
	}
});

export const withdrawPlenaryVote = define({
	type: 'plenary.unvote',
	who: 'participant',
	schema: v.object({ itemId: Id }),
	async run(ctx, input): Promise<Outcome<{ itemId: string; left: number }>> {
		const voter = ctx.actor.kind === 'participant' ? ctx.actor.participant.id : '';
		if (ctx.meeting.plenaryPhase !== 'vote') return { ok: false, reason: 'wrong-phase' };
		const item = await liveItem(ctx, input.itemId);
		if (!item) return { ok: false, reason: 'card-not-found' };
		const onItem = await myDots(ctx, item.id, voter);
		if (onItem === 0) return { ok: false, reason: 'no-vote-to-withdraw' };
		const where = and(eq(plenaryVotes.itemId, item.id), eq(plenaryVotes.participantId, voter));
		if (onItem > 1) await ctx.db.update(plenaryVotes).set({ dots: onItem - 1, updatedAt: ctx.now }).where(where);
		else await ctx.db.delete(plenaryVotes).where(where);
		return { ok: true, result: { itemId: item.id, left: ctx.meeting.plenaryBudget - (await spent(ctx, voter)) } };
	}
});

const COMMANDS = Object.fromEntries(
	[startPlenary, setPlenaryPhase, resetPlenary, mergePlenaryItems, castPlenaryVote, withdrawPlenaryVote].map((d) => [
		d.type,
		d as PlenaryCommandDef<v.GenericSchema, unknown>
	])
);

/** Runs the plenary command named by `input.type`: facilitators manage the round, participants vote. */
export async function runPlenaryCommand(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: unknown,
	now: number
): Promise<BoardCommandResult<unknown>> {
	const def = commandNamed(input, COMMANDS);
	if (!def) return UNKNOWN_COMMAND;
	return runCommand(db, actor, input, now, {
		type: def.type,
		parse: parseWith(def.schema),
		// The meeting is named up front: locked before anything is read (see the frame).
		meetingHint: () => meetingId,
		async load(db) {
			const facts = await loadMeetingFacts(db, meetingId);
			return facts ? { ok: true, facts, meetingId } : refuse('not-found');
		},
		authorize(actor, facts) {
			const facilitator = canManageMeeting(actor, facts);
			if (!facilitator && !isMeetingParticipant(actor, meetingId)) return 'not-allowed';
			if (def.who === 'facilitator' && !facilitator) return 'not-allowed';
			if (def.who === 'participant' && actor.kind !== 'participant') return 'not-a-voter';
			if (facts.status !== 'open' && facts.status !== 'live') return 'meeting-not-active';
			return null;
		},
		async run(ctx) {
			const facilitator = canManageMeeting(ctx.actor, ctx.facts);
			const done = await boardStep(ctx, meetingId, undefined, async (touched) => {
				const meeting = (await first(ctx.db.select().from(meetings).where(eq(meetings.id, meetingId))))!;
				if (ctx.actor.kind === 'participant') touched.participants.add(ctx.actor.participant.id);
				return def.run({ db: ctx.db, actor: ctx.actor, now: ctx.now, meeting, facilitator, touched }, ctx.input);
			});
			// The plenary round changed: the meeting doc's plenary part is rewritten too.
			if (done.ok && done.change) done.change.plenary = true;
			return done;
		}
	});
}
