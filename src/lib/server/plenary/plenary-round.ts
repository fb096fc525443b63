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
export function loadPlenaryView(db: Db, meetingId: string): PlenaryView | null {
	const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
	if (!meeting) return null;
	const rows = db
		.select({ item: plenaryItems, tableName: tables.name })
		.from(plenaryItems)
		.leftJoin(tables, eq(tables.id, plenaryItems.sourceTableId))
		.where(eq(plenaryItems.meetingId, meetingId))
		.orderBy(asc(plenaryItems.orderKey), asc(plenaryItems.id))
		.all();
	const dots = new Map(
		db
			.select({ id: plenaryVotes.itemId, n: sql<number>`sum(${plenaryVotes.dots})` })
			.from(plenaryVotes)
			.where(eq(plenaryVotes.meetingId, meetingId))
			.groupBy(plenaryVotes.itemId)
			.all()
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
	run(ctx: PlenaryContext, input: v.InferOutput<S>): Outcome<R>;
}

function define<S extends v.GenericSchema, R>(def: PlenaryCommandDef<S, R>) {
	return def;
}

function liveItem(ctx: PlenaryContext, itemId: string) {
	const item = ctx.db.select().from(plenaryItems).where(eq(plenaryItems.id, itemId)).get();
	return item && item.meetingId === ctx.meeting.id && item.mergedIntoId === null ? item : null;
}

function touchVoters(ctx: PlenaryContext): void {
	const voters = ctx.db
		.select({ id: plenaryVotes.participantId })
		.from(plenaryVotes)
		.where(eq(plenaryVotes.meetingId, ctx.meeting.id))
		.all();
	for (const v of voters) ctx.touched.participants.add(v.id);
}

/** Every participant's own doc shows the plenary budget. */
function touchMeetingParticipants(ctx: PlenaryContext): void {
	for (const p of ctx.db.select({ id: participants.id }).from(participants).where(eq(participants.meetingId, ctx.meeting.id)).all()) {
		ctx.touched.participants.add(p.id);
	}
}

/** Sends each table's top N (ties included) to the plenary board and opens it for grouping. */
export const startPlenary = define({
	type: 'plenary.start',
	who: 'facilitator',
	schema: v.object({ topN: Small('top-invalid'), budget: Small('budget-invalid') }),
	run(ctx, input): Outcome<{ items: number }> {
		if (ctx.meeting.plenaryPhase !== 'off') return { ok: false, reason: 'plenary-started' };
		let key: string | null = null;
		let count = 0;
		for (const table of listMeetingTables(ctx.db, ctx.meeting.id)) {
			// Ranked by the votes in SQL, whether or not the table sees its tallies yet.
			const tallies = cardTallies(ctx.db, [table.id]);
			const cards = listBoardCards(ctx.db, table.id).map((c) => ({ ...c, votes: tallies.get(c.id) ?? 0 }));
			for (const item of topItems(rankItems(cards, listClusters(ctx.db, table.id)), input.topN)) {
				key = generateKeyBetween(key, null);
				ctx.db
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
					})
					.run();
				count++;
			}
		}
		ctx.db
			.update(meetings)
			.set({ plenaryPhase: 'cluster', plenaryBudget: input.budget })
			.where(eq(meetings.id, ctx.meeting.id))
			.run();
		touchMeetingParticipants(ctx);
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
	run(ctx, input): Outcome<{ phase: string; budget: number }> {
		if (ctx.meeting.plenaryPhase === 'off') return { ok: false, reason: 'plenary-not-started' };
		const budget = input.budget ?? ctx.meeting.plenaryBudget;
		if (budget !== ctx.meeting.plenaryBudget) {
			if (input.phase !== 'vote') return { ok: false, reason: 'wrong-phase' };
			// A budget changed under cast votes would leave some people over it, or with dots they never had.
			const cast = ctx.db.select({ id: plenaryVotes.itemId }).from(plenaryVotes).where(eq(plenaryVotes.meetingId, ctx.meeting.id)).get();
			if (cast) return { ok: false, reason: 'plenary-votes-cast' };
			touchMeetingParticipants(ctx);
		}
		ctx.db.update(meetings).set({ plenaryPhase: input.phase, plenaryBudget: budget }).where(eq(meetings.id, ctx.meeting.id)).run();
		return { ok: true, result: { phase: input.phase, budget } };
	}
});

/** Back to no plenary round: its items and votes are removed (the tables keep theirs). */
export const resetPlenary = define({
	type: 'plenary.reset',
	who: 'facilitator',
	schema: v.object({}),
	run(ctx): Outcome<{ phase: 'off' }> {
		touchVoters(ctx);
		ctx.db.delete(plenaryItems).where(eq(plenaryItems.meetingId, ctx.meeting.id)).run();
		ctx.db.update(meetings).set({ plenaryPhase: 'off' }).where(eq(meetings.id, ctx.meeting.id)).run();
		return { ok: true, result: { phase: 'off' } };
	}
});

/** Groups a duplicate under another item: its label stays visible there and its votes move. */
export const mergePlenaryItems = define({
	type: 'plenary.merge',
	who: 'facilitator',
	schema: v.object({ itemId: Id, intoItemId: Id }),
	run(ctx, input): Outcome<{ itemId: string; intoItemId: string }> {
		if (input.itemId === input.intoItemId) return { ok: false, reason: 'same-card' };
		if (ctx.meeting.plenaryPhase === 'off' || ctx.meeting.plenaryPhase === 'done') return { ok: false, reason: 'wrong-phase' };
		const source = liveItem(ctx, input.itemId);
		const target = liveItem(ctx, input.intoItemId);
		if (!source || !target) return { ok: false, reason: 'card-not-found' };
		for (const vote of ctx.db.select().from(plenaryVotes).where(eq(plenaryVotes.itemId, source.id)).all()) {
			ctx.db
				.insert(plenaryVotes)
				.values({ ...vote, itemId: target.id, updatedAt: ctx.now })
				.onConflictDoUpdate({
					target: [plenaryVotes.itemId, plenaryVotes.participantId],
					set: { dots: sql`${plenaryVotes.dots} + ${vote.dots}`, updatedAt: ctx.now }
				})
				.run();
			ctx.touched.participants.add(vote.participantId);
		}
		ctx.db.delete(plenaryVotes).where(eq(plenaryVotes.itemId, source.id)).run();
		ctx.db
			.update(plenaryItems)
			.set({ mergedIntoId: target.id, updatedAt: ctx.now })
			.where(eq(plenaryItems.mergedIntoId, source.id))
			.run();
		ctx.db.update(plenaryItems).set({ mergedIntoId: target.id, updatedAt: ctx.now }).where(eq(plenaryItems.id, source.id)).run();
		return { ok: true, result: { itemId: source.id, intoItemId: target.id } };
	}
});

function myDots(ctx: PlenaryContext, itemId: string, participantId: string): number {
	return (
		ctx.db
			.select({ dots: plenaryVotes.dots })
			.from(plenaryVotes)
			.where(and(eq(plenaryVotes.itemId, itemId), eq(plenaryVotes.participantId, participantId)))
			.get()?.dots ?? 0
	);
}

function spent(ctx: PlenaryContext, participantId: string): number {
	return Number(
		ctx.db
			.select({ n: sql<number>`coalesce(sum(${plenaryVotes.dots}), 0)` })
			.from(plenaryVotes)
			.where(and(eq(plenaryVotes.participantId, participantId), eq(plenaryVotes.meetingId, ctx.meeting.id)))
			.get()?.n ?? 0
	);
}

export const castPlenaryVote = define({
	type: 'plenary.vote',
	who: 'participant',
	schema: v.object({ itemId: Id }),
	run(ctx, input): Outcome<{ itemId: string; left: number }> {
		const voter = ctx.actor.kind === 'participant' ? ctx.actor.participant.id : '';
		if (ctx.meeting.plenaryPhase !== 'vote') return { ok: false, reason: 'wrong-phase' };
		const item = liveItem(ctx, input.itemId);
		if (!item) return { ok: false, reason: 'card-not-found' };
		const used = spent(ctx, voter);
		const onItem = myDots(ctx, item.id, voter);
		const denial = checkCast({ budget: ctx.meeting.plenaryBudget, used, perCardMax: null, onCard: onItem });
		if (denial) return { ok: false, reason: denial };
		ctx.db
			.insert(plenaryVotes)
			.values({ itemId: item.id, participantId: voter, meetingId: ctx.meeting.id, dots: 1, updatedAt: ctx.now })
			.onConflictDoUpdate({
				target: [plenaryVotes.itemId, plenaryVotes.participantId],
				set: { dots: sql`${plenaryVotes.dots} + 1`, updatedAt: ctx.now }
			})
			.run();
		return { ok: true, result: { itemId: item.id, left: ctx.meeting.plenaryBudget - used - 1 } };
	}
});

export const withdrawPlenaryVote = define({
	type: 'plenary.unvote',
	who: 'participant',
	schema: v.object({ itemId: Id }),
	run(ctx, input): Outcome<{ itemId: string; left: number }> {
		const voter = ctx.actor.kind === 'participant' ? ctx.actor.participant.id : '';
		if (ctx.meeting.plenaryPhase !== 'vote') return { ok: false, reason: 'wrong-phase' };
		const item = liveItem(ctx, input.itemId);
		if (!item) return { ok: false, reason: 'card-not-found' };
		const onItem = myDots(ctx, item.id, voter);
		if (onItem === 0) return { ok: false, reason: 'no-vote-to-withdraw' };
		const where = and(eq(plenaryVotes.itemId, item.id), eq(plenaryVotes.participantId, voter));
		if (onItem > 1) ctx.db.update(plenaryVotes).set({ dots: onItem - 1, updatedAt: ctx.now }).where(where).run();
		else ctx.db.delete(plenaryVotes).where(where).run();
		return { ok: true, result: { itemId: item.id, left: ctx.meeting.plenaryBudget - spent(ctx, voter) } };
	}
});

const COMMANDS = Object.fromEntries(
	[startPlenary, setPlenaryPhase, resetPlenary, mergePlenaryItems, castPlenaryVote, withdrawPlenaryVote].map((d) => [
		d.type,
		d as PlenaryCommandDef<v.GenericSchema, unknown>
	])
);

/** Runs the plenary command named by `input.type`: facilitators manage the round, participants vote. */
export function runPlenaryCommand(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: unknown,
	now: number
): BoardCommandResult<unknown> {
	const def = commandNamed(input, COMMANDS);
	if (!def) return UNKNOWN_COMMAND;
	return runCommand(db, actor, input, now, {
		type: def.type,
		parse: parseWith(def.schema),
		load(db) {
			const facts = loadMeetingFacts(db, meetingId);
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
		run(ctx) {
			const facilitator = canManageMeeting(ctx.actor, ctx.facts);
			const done = boardStep(ctx, meetingId, undefined, (touched) => {
				const meeting = ctx.db.select().from(meetings).where(eq(meetings.id, meetingId)).get()!;
				if (ctx.actor.kind === 'participant') touched.participants.add(ctx.actor.participant.id);
				return def.run({ db: ctx.db, actor: ctx.actor, now: ctx.now, meeting, facilitator, touched }, ctx.input);
			});
			// The plenary round changed: the meeting doc's plenary part is rewritten too.
			if (done.ok && done.change) done.change.plenary = true;
			return done;
		}
	});
}
