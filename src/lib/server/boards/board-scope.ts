import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { notices } from '../db/schema.ts';
import { captureVersions, type CapturedVersions } from './board-history.ts';
import type { DotsScope } from './dots.ts';
import type { Actor } from '../auth/session.ts';
import { knownMeetingOf, loadBoardFacts } from './board-facts.ts';
import { canManageMeeting, canViewTable } from '../access/policies.ts';
import { parseWith, runCommand, type CommandOutcome, type Done } from '../commands/frame.ts';
import { refuse, type Refusal, type RefusalReason } from '../commands/refusals.ts';
import type { BoardChange } from '../events.ts';
import { newId } from '../ids.ts';
import type { NoticeKind } from '../../realtime/participant-doc.ts';
import { phaseAllows, type BoardAction } from '../../realtime/phase-rules.ts';
import type { BoardCard } from '../../realtime/board-doc.ts';

// The board scope of the command frame (commands/frame.ts): what a table's commands share — the table's
// facts and who may act there, the context a command body gets, and the board's own step in the
// transaction (history versions, the change naming the docs to rewrite).

/** Every refusal a board command can give: a reason in the one refusal table (commands/refusals.ts). */
export type BoardDenial = RefusalReason;

import type { MeetingRow, TableRow } from './board-facts.ts';
export type { MeetingRow, TableRow } from './board-facts.ts';

export interface CommandContext {
	/** The transaction: every read and write of the command goes through it. */
	db: Db;
	actor: Actor;
	now: number;
	table: TableRow;
	meeting: MeetingRow;
	/** A facilitator of this meeting (or an admin). */
	facilitator: boolean;
	/** The acting participant, or null for a facilitator. */
	participantId: string | null;
	/** Tables and participants whose docs the command changed (the acting table and actor are added). */
	touch(target: { tableId?: string; participantId?: string }): void;
	/** This command's seq in the command log (its history entries carry it). */
	seq: number;
	/** Where and under which command dots change (see dots.ts). */
	dots(): DotsScope;
	/** Stores a notice for a participant's own doc. */
	notify(participantId: string, kind: NoticeKind, payload: Record<string, string | number>): Promise<void>;
	/** True when the phase allows the action for this actor (facilitators have the moderating hand). */
	allows(action: Exclude<BoardAction, 'moderate'>): boolean;
	/**
	 * Hands the hub a card of this table exactly as the board shows it after this command (what
	 * `loadBoardCard` would read once it commits), so the hub writes it instead of reading it back. Only
	 * for a card the command built whole (a new one); a card it did not hand over is read from SQL.
	 */
	shows(card: BoardCard): void;
}

export type BoardEffect = 'tallies' | 'cards';

export type Outcome<R> = { ok: true; result: R } | { ok: false; reason: BoardDenial };

export interface BoardCommandDef<S extends v.GenericSchema, R> {
	type: string;
	schema: S;
	/** Who may try at all; the phase and ownership are the handler's to check. */
	who: 'anyone-at-table' | 'facilitator' | 'participant';
	/**
	 * What the command changes on its table's doc, when not anything: 'tallies' only vote tallies,
	 * 'cards' only the cards it writes (see BoardChange); the hub then skips the whole rewrite.
	 */
	changes?: BoardEffect;
	run(ctx: CommandContext, input: v.InferOutput<S>): Promise<Outcome<R>>;
}

/** The definition named by a command's `type`, from a registry of command definitions. */
export function commandNamed<D>(input: unknown, registry: Record<string, D>): D | undefined {
	const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
	return typeof type === 'string' && Object.hasOwn(registry, type) ? registry[type] : undefined;
}

export const UNKNOWN_COMMAND = {
	ok: false,
	reason: 'invalid',
	errors: { type: 'command-type-unknown' }
} as const satisfies Refusal;

/** Lets TypeScript infer a command's input from its schema and its result from `run`. */
export function defineCommand<S extends v.GenericSchema, R>(def: BoardCommandDef<S, R>): BoardCommandDef<S, R> {
	return def;
}

export type BoardCommandResult<R> = CommandOutcome<R, BoardChange>;

/**
 * The board scope's own step inside the frame's transaction: the body names the tables and people it
 * touched, then the board's history captures the versions it wrote and the change names the docs to
 * rewrite (narrower when the command says what it changes).
 */
export async function boardStep<R>(
	ctx: { db: Db; seq: number; now: number },
	meetingId: string,
	changes: BoardEffect | undefined,
	body: (touched: Touched) => Promise<Outcome<R>>
): Promise<Done<R, BoardChange>> {
	const touched: Touched = { tables: new Set<string>(), participants: new Set<string>(), cards: new Map() };
	const outcome = await body(touched);
	if (!outcome.ok) return outcome;
	const captured = await captureVersions(ctx.db, [...touched.tables], ctx.seq, ctx.now);
	return {
		ok: true,
		result: outcome.result,
		change: {
			type: 'board.changed',
			meetingId,
			tableIds: [...touched.tables],
			participantIds: [...touched.participants],
			...boardEffect(changes, touched, captured)
		}
	};
}

export interface Touched {
	tables: Set<string>;
	participants: Set<string>;
	/** Cards the command built whole, as the board shows them (see CommandContext.shows). */
	cards: Map<string, BoardCard>;
}

/** How the hub may narrow its writes to the touched table's doc; a whole rewrite when unsure. */
function boardEffect(
	effect: BoardEffect | undefined,
	touched: Touched,
	captured: CapturedVersions
): Pick<BoardChange, 'talliesOnly' | 'cardIds' | 'cards'> {
	if (effect === 'tallies') return { talliesOnly: true };
	const onlyCards = touched.tables.size === 1 && captured.cardIds.length > 0 && captured.clusterIds.length === 0;
	if (effect !== 'cards' || !onlyCards) return {};
	// The built cards go along only when they are every card the command wrote: anything else it wrote
	// is read back, and a partial list would be a second way to say which cards changed.
	const cards = captured.cardIds.map((id) => touched.cards.get(id));
	const whole = touched.cards.size === captured.cardIds.length && cards.every((c) => c !== undefined);
	return whole ? { cardIds: captured.cardIds, cards: cards as BoardCard[] } : { cardIds: captured.cardIds };
}

/** Runs one command at one table through the command frame (commands/frame.ts). */
export function runBoardCommand<S extends v.GenericSchema, R>(
	db: Db,
	actor: Actor,
	tableId: string,
	input: unknown,
	now: number,
	def: BoardCommandDef<S, R>
): Promise<BoardCommandResult<R>> {
	return runCommand(db, actor, input, now, {
		type: def.type,
		parse: parseWith(def.schema),
		meetingHint: () => knownMeetingOf(tableId),
		async load(db) {
			const facts = await loadBoardFacts(db, tableId);
			return facts ? { ok: true, facts, meetingId: facts.meeting.id } : refuse('not-found');
		},
		authorize(actor, facts) {
			if (!canViewTable(actor, facts)) return 'not-allowed';
			if (def.who === 'facilitator' && !canManageMeeting(actor, facts.meeting)) return 'not-allowed';
			if (def.who === 'participant' && actor.kind !== 'participant') return 'not-a-voter';
			if (facts.meeting.status !== 'open' && facts.meeting.status !== 'live') return 'meeting-not-active';
			return null;
		},
		payload: (input) => ({ tableId, ...(input as object) }),
		run({ db: txDb, actor, now, seq, facts, input }) {
			const facilitator = canManageMeeting(actor, facts.meeting);
			return boardStep({ db: txDb, seq, now }, facts.meeting.id, def.changes, async (touched) => {
				// The rows the frame loaded after taking the meeting's lock: the state the command commits to.
				const { table, meetingRow: meeting } = facts;
				touched.tables.add(tableId);
				const participantId = actor.kind === 'participant' ? actor.participant.id : null;
				if (participantId) touched.participants.add(participantId);
				const ctx: CommandContext = {
					db: txDb,
					actor,
					now,
					table,
					meeting,
					facilitator,
					participantId,
					seq,
					dots: () => ({ db: txDb, seq, now, tableId: table.id, meetingId: meeting.id }),
					touch(target) {
						if (target.tableId) touched.tables.add(target.tableId);
						if (target.participantId) touched.participants.add(target.participantId);
					},
					async notify(pid, kind, payload) {
						await addNotice(txDb, pid, kind, payload, now);
						touched.participants.add(pid);
					},
					allows(action) {
						if (action === 'vote') return phaseAllows('vote', table.phase, meeting);
						return phaseAllows(facilitator ? 'moderate' : action, table.phase, meeting);
					},
					shows(card) {
						touched.cards.set(card.id, card);
					}
				};
				return def.run(ctx, input as v.InferOutput<S>);
			});
		}
	});
}


export async function addNotice(
	db: Db,
	participantId: string,
	kind: NoticeKind,
	payload: Record<string, string | number>,
	now: number
): Promise<void> {
	await db.insert(notices).values({ id: newId(), participantId, kind, payload, createdAt: now });
}
