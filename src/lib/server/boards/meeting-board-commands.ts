import { mapInOrder } from '../in-order.ts';
import { first } from '../db/query.ts';
import { and, eq, inArray } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { meetings, participants, tableMessages, tables } from '../db/schema.ts';
import { newId } from '../ids.ts';
import type { Actor } from '../auth/session.ts';
import { loadMeetingFacts } from '../access/facts.ts';
import { canManageMeeting, meetingAcceptsParticipants } from '../access/policies.ts';
import { listMeetingTables } from '../meetings/queries.ts';
import { PhaseInput, writePhase, type PhaseResult } from './phase-commands.ts';
import {
	addNotice,
	boardStep,
	commandNamed,
	UNKNOWN_COMMAND,
	type BoardCommandResult,
	type Outcome
} from './board-scope.ts';
import { parseWith, runCommand } from '../commands/frame.ts';
import { refuse } from '../commands/refusals.ts';
import type { ConnectionFilter } from '../realtime-seam.ts';
import { roomName } from '../../realtime/rooms.ts';
import { planSeating } from './seating-plan.ts';

// Commands a facilitator gives for the boards of a whole meeting: the phase of all (or some) tables,
// the voting settings, and seating everyone.

const Id = v.pipe(v.string('id-required'), v.regex(/^[a-z2-7]{10,40}$/, 'id-invalid'));
const Dots = v.pipe(v.number('budget-invalid'), v.integer('budget-invalid'), v.minValue(1, 'budget-invalid'), v.maxValue(20, 'budget-invalid'));

export const BoardSettingsInput = v.object({
	voteBudget: Dots,
	votePerCardMax: v.nullable(Dots),
	talliesLive: v.boolean(),
	lateCards: v.boolean(),
	participantsChooseTable: v.boolean()
});
export type BoardSettings = v.InferOutput<typeof BoardSettingsInput>;

export interface Move {
	participantId: string;
	from: string | null;
	to: string;
}

interface MeetingContext {
	db: Db;
	now: number;
	meetingId: string;
	tableIds: string[];
	touched: { tables: Set<string>; participants: Set<string> };
}

interface MeetingCommandDef<S extends v.GenericSchema, R> {
	type: string;
	schema: S;
	run(ctx: MeetingContext, input: v.InferOutput<S>): Promise<Outcome<R>>;
}

function defineMeetingCommand<S extends v.GenericSchema, R>(def: MeetingCommandDef<S, R>) {
	return def;
}

export const setPhaseOfTables = defineMeetingCommand({
	type: 'phase.set-tables',
	schema: v.object({
		...PhaseInput.entries,
		/** Some tables only; absent: all of them. */
		tableIds: v.optional(v.pipe(v.array(Id), v.minLength(1, 'tables-required')))
	}),
	async run(ctx, input): Promise<Outcome<PhaseResult & { tableIds: string[] }>> {
		const ids = input.tableIds ?? ctx.tableIds;
		if (ids.some((id) => !ctx.tableIds.includes(id))) return { ok: false, reason: 'not-found' };
		for (const id of ids) ctx.touched.tables.add(id);
		return { ok: true, result: { ...(await writePhase(ctx.db, ids, input, ctx.now)), tableIds: ids } };
	}
});

export const setBoardSettings = defineMeetingCommand({
	type: 'board.settings',
	schema: BoardSettingsInput,
	async run(ctx, input): Promise<Outcome<BoardSettings>> {
		await ctx.db.update(meetings).set(input).where(eq(meetings.id, ctx.meetingId));
		for (const id of ctx.tableIds) ctx.touched.tables.add(id);
		// Budgets show in each participant's own doc.
		const people = await ctx.db
			.select({ id: participants.id })
			.from(participants)
			.where(eq(participants.meetingId, ctx.meetingId));
		for (const p of people) ctx.touched.participants.add(p.id);
		return { ok: true, result: input };
	}
});

export const assignTables = defineMeetingCommand({
	type: 'tables.assign',
	schema: v.object({ mode: v.picklist(['even', 'mix-sectors'], 'mode-invalid') }),
	async run(ctx, input): Promise<Outcome<{ moves: Move[] }>> {
		const list = await listMeetingTables(ctx.db, ctx.meetingId);
		if (list.length === 0) return { ok: false, reason: 'not-found' };
		const people = await ctx.db
			.select({ participantId: participants.id, tableId: participants.tableId, sector: participants.sector })
			.from(participants)
			.where(eq(participants.meetingId, ctx.meetingId));
		const plan = planSeating(people, list, input.mode);
		const names = new Map(list.map((t) => [t.id, t.name]));
		const moves: Move[] = [];
		for (const person of people) {
			const to = plan.get(person.participantId)!;
			if (to === person.tableId) continue;
			await ctx.db.update(participants).set({ tableId: to }).where(eq(participants.id, person.participantId));
			await addNotice(ctx.db, person.participantId, 'table-changed', { table: names.get(to) ?? '' }, ctx.now);
			moves.push({ participantId: person.participantId, from: person.tableId, to });
			ctx.touched.participants.add(person.participantId);
			// The dashboard counts seats per table.
			ctx.touched.tables.add(to);
			if (person.tableId) ctx.touched.tables.add(person.tableId);
		}
		return { ok: true, result: { moves } };
	}
});

export const MESSAGE_MAX = 280;

/** A short message from the facilitator, shown on the boards of the chosen tables (or all). */
export const messageTables = defineMeetingCommand({
	type: 'tables.message',
	schema: v.object({
		text: v.pipe(v.string('text-required'), v.trim(), v.nonEmpty('text-required'), v.maxLength(MESSAGE_MAX, 'message-too-long')),
		tableIds: v.optional(v.pipe(v.array(Id), v.minLength(1, 'tables-required')))
	}),
	async run(ctx, input): Promise<Outcome<{ messageIds: string[] }>> {
		if (input.tableIds?.some((id) => !ctx.tableIds.includes(id))) return { ok: false, reason: 'not-found' };
		const targets: Array<string | null> = input.tableIds ?? [null];
		const messageIds = await mapInOrder(targets, async (tableId) => {
			const id = newId();
			await ctx.db.insert(tableMessages).values({ id, meetingId: ctx.meetingId, tableId, text: input.text, createdAt: ctx.now });
			return id;
		});
		for (const id of input.tableIds ?? ctx.tableIds) ctx.touched.tables.add(id);
		return { ok: true, result: { messageIds } };
	}
});

const MEETING_COMMANDS = Object.fromEntries(
	[setPhaseOfTables, setBoardSettings, assignTables, messageTables].map((d) => [
		d.type,
		d as MeetingCommandDef<v.GenericSchema, unknown>
	])
);

/** Runs the meeting-wide board command named by `input.type`; facilitators of the meeting only. */
export async function runMeetingBoardCommand(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: unknown,
	now: number
): Promise<BoardCommandResult<unknown>> {
	const def = commandNamed(input, MEETING_COMMANDS);
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
			if (!canManageMeeting(actor, facts)) return 'not-allowed';
			// Settings and phases may be prepared before the meeting opens, not changed after it closed.
			if (facts.status === 'closed' || facts.status === 'archived') return 'meeting-not-active';
			return null;
		},
		run: (ctx) =>
			boardStep(ctx, meetingId, undefined, async (touched) => {
				const tableIds = (await ctx.db
					.select({ id: tables.id })
					.from(tables)
					.where(eq(tables.meetingId, meetingId)))
					.map((t) => t.id);
				return def.run({ db: ctx.db, now: ctx.now, meetingId, tableIds, touched }, ctx.input);
			}),
		effects: (result) => socketsLeftBehind(movesOf(result))
	});
}

/**
 * Sockets follow permissions: people moved to another table leave the old table's room (they open the
 * new one when their page follows them there).
 */
export function socketsLeftBehind(moves: readonly Move[]): ConnectionFilter[] {
	return moves
		.filter((move) => move.from && move.from !== move.to)
		.map((move) => ({ participantId: move.participantId, room: roomName('table', move.from!) }));
}

function movesOf(result: unknown): Move[] {
	return (result as { moves?: Move[] } | null)?.moves ?? [];
}

type ChoiceFacts = { table: typeof tables.$inferSelect; meeting: typeof meetings.$inferSelect };

/** A participant picks a table themselves, when the facilitator lets them and the table has room. */
export async function chooseTable(
	db: Db,
	actor: Actor,
	tableId: string,
	input: unknown,
	now: number
): Promise<BoardCommandResult<Move>> {
	return runCommand(db, actor, input, now, {
		type: 'table.choose',
		parse: parseWith(v.object({})),
		async load(db) {
			const table = await first(db.select().from(tables).where(eq(tables.id, tableId)));
			const meeting = table && (await first(db.select().from(meetings).where(eq(meetings.id, table.meetingId))));
			return table && meeting ? { ok: true, facts: { table, meeting } as ChoiceFacts, meetingId: meeting.id } : refuse('not-found');
		},
		authorize(actor, { table, meeting }) {
			if (actor.kind !== 'participant') return 'not-a-voter';
			if (table.meetingId !== actor.participant.meetingId) return 'not-found';
			if (!meetingAcceptsParticipants(meeting)) return 'meeting-not-active';
			if (!meeting.participantsChooseTable) return 'choice-closed';
			return null;
		},
		payload: () => ({ tableId }),
		run: (ctx) =>
			boardStep(ctx, ctx.facts.meeting.id, undefined, async (touched): Promise<Outcome<Move>> => {
				const { table, meeting } = ctx.facts;
				const participantId = ctx.actor.kind === 'participant' ? ctx.actor.participant.id : '';
				const tx = ctx.db;
				const me = await first(tx.select().from(participants).where(eq(participants.id, participantId)));
				if (!me) return { ok: false, reason: 'not-found' };
				if (me.tableId !== tableId && table.maxSize !== null) {
					const seated = (await tx
						.select({ id: participants.id })
						.from(participants)
						.where(and(eq(participants.tableId, tableId), inArray(participants.meetingId, [meeting.id])))).length;
					if (seated >= table.maxSize) return { ok: false, reason: 'table-at-capacity' };
				}
				await tx.update(participants).set({ tableId }).where(eq(participants.id, participantId));
				touched.participants.add(participantId);
				touched.tables.add(tableId);
				if (me.tableId) touched.tables.add(me.tableId);
				return { ok: true, result: { participantId, from: me.tableId, to: tableId } };
			}),
		effects: (move) => socketsLeftBehind([move])
	});
}
