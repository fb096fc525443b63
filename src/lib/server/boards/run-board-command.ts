import { eq, sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/prepared.ts';
import { meetings, notices, tables } from '../db/schema.ts';
import { captureVersions, type CapturedVersions } from './board-history.ts';
import type { DotsScope } from './dots.ts';
import type { Actor } from '../auth/session.ts';
import { loadTableFacts } from '../access/facts.ts';
import { canManageMeeting, canViewTable } from '../access/policies.ts';
import { actorRef, CommandIdSchema, findCommand, recordCommand, recordResult } from '../commands/command-log.ts';
import type { BoardChange } from '../events.ts';
import { newId } from '../ids.ts';
import type { NoticeKind } from '../../realtime/participant-doc.ts';
import { phaseAllows, type BoardAction } from '../../realtime/phase-rules.ts';

// The frame every board command runs in: parse, replay a known command id, load and check the table,
// run the command in one transaction with its command-log entry, and name the docs to rewrite.

export const BOARD_DENIAL_STATUS = {
	'not-found': 404,
	'card-not-found': 404,
	'cluster-not-found': 404,
	'theme-not-found': 404,
	'not-allowed': 403,
	'not-own-card': 403,
	'not-a-voter': 403,
	'choice-closed': 403,
	'meeting-not-active': 409,
	'wrong-phase': 409,
	'budget-spent': 409,
	'card-cap': 409,
	'no-vote-to-withdraw': 409,
	'table-full': 409,
	'table-at-capacity': 409,
	'command-id-taken': 409,
	'same-card': 422,
	'same-cluster': 422,
	'not-hidden': 409,
	'nothing-to-undo': 409,
	'changed-since': 409,
	'not-last-command': 409,
	'plenary-started': 409,
	'plenary-not-started': 409,
	'plenary-votes-cast': 409,
	invalid: 422
} as const;

export type BoardDenial = keyof typeof BOARD_DENIAL_STATUS;

export type TableRow = typeof tables.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

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
	notify(participantId: string, kind: NoticeKind, payload: Record<string, string | number>): void;
	/** True when the phase allows the action for this actor (facilitators have the moderating hand). */
	allows(action: Exclude<BoardAction, 'moderate'>): boolean;
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
	run(ctx: CommandContext, input: v.InferOutput<S>): Outcome<R>;
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
} as const satisfies BoardCommandResult<never>;

/** Lets TypeScript infer a command's input from its schema and its result from `run`. */
export function defineCommand<S extends v.GenericSchema, R>(def: BoardCommandDef<S, R>): BoardCommandDef<S, R> {
	return def;
}

export type BoardCommandResult<R> =
	| { ok: true; result: R; replayed: boolean; change: BoardChange | null }
	| { ok: false; reason: BoardDenial; errors?: Record<string, string> };

class Refused extends Error {
	readonly reason: BoardDenial;
	constructor(reason: BoardDenial) {
		super(reason);
		this.reason = reason;
	}
}

export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of issues) {
		const key = String(issue.path?.[0]?.key ?? 'form');
		errors[key] ??= issue.message;
	}
	return errors;
}

type Begun<S extends v.GenericSchema, R> =
	| { done: BoardCommandResult<R> }
	| { done: null; commandId: string; input: v.InferOutput<S> };

/** Parses a command; a known command id answers as the first time did (or is refused if reused). */
export function beginCommand<S extends v.GenericSchema, R>(
	db: Db,
	actor: Actor,
	input: unknown,
	def: { type: string; schema: S }
): Begun<S, R> {
	const head = v.safeParse(v.object({ commandId: CommandIdSchema }), input);
	if (!head.success) return { done: { ok: false, reason: 'invalid', errors: fieldErrors(head.issues) } };
	const earlier = findCommand(db, head.output.commandId);
	if (earlier) {
		if (earlier.type !== def.type || earlier.actorId !== actorRef(actor).actorId) {
			return { done: { ok: false, reason: 'command-id-taken' } };
		}
		return { done: { ok: true, result: earlier.result as R, replayed: true, change: null } };
	}
	const parsed = v.safeParse(def.schema, input);
	if (!parsed.success) return { done: { ok: false, reason: 'invalid', errors: fieldErrors(parsed.issues) } };
	return { done: null, commandId: head.output.commandId, input: parsed.output };
}

/**
 * Runs `body` in one transaction; a refusal rolls everything back. On success the command is logged
 * in the same transaction and the touched docs are named in the change.
 */
export function commitCommand<R>(
	db: Db,
	entry: {
		commandId: string;
		type: string;
		meetingId: string;
		actor: Actor;
		payload: unknown;
		now: number;
		changes?: BoardEffect;
	},
	body: (tx: Db, touched: { tables: Set<string>; participants: Set<string> }, seq: number) => Outcome<R>
): BoardCommandResult<R> {
	try {
		return db.transaction((tx): BoardCommandResult<R> => {
			const txDb = tx as unknown as Db;
			const touched = { tables: new Set<string>(), participants: new Set<string>() };
			// Logged first, so the history the command writes can name it; the result follows.
			const seq = recordCommand(txDb, {
				commandId: entry.commandId,
				type: entry.type,
				meetingId: entry.meetingId,
				actor: entry.actor,
				payload: entry.payload,
				result: {},
				at: entry.now
			});
			const outcome = body(txDb, touched, seq);
			if (!outcome.ok) throw new Refused(outcome.reason);
			const changedCards = captureVersions(txDb, [...touched.tables], seq, entry.now);
			recordResult(txDb, seq, outcome.result ?? {});
			return {
				ok: true,
				result: outcome.result,
				replayed: false,
				change: {
					type: 'board.changed',
					meetingId: entry.meetingId,
					tableIds: [...touched.tables],
					participantIds: [...touched.participants],
					...boardEffect(entry.changes, touched.tables, changedCards)
				}
			};
		});
	} catch (error) {
		if (error instanceof Refused) return { ok: false, reason: error.reason };
		throw error;
	}
}

/** How the hub may narrow its writes to the touched table's doc; a whole rewrite when unsure. */
function boardEffect(
	effect: BoardEffect | undefined,
	tables: ReadonlySet<string>,
	captured: CapturedVersions
): Pick<BoardChange, 'talliesOnly' | 'cardIds'> {
	if (effect === 'tallies') return { talliesOnly: true };
	const onlyCards = tables.size === 1 && captured.cardIds.length > 0 && captured.clusterIds.length === 0;
	if (effect === 'cards' && onlyCards) return { cardIds: captured.cardIds };
	return {};
}

/** Runs one command at one table. The caller publishes `change` after this returns. */
export function runBoardCommand<S extends v.GenericSchema, R>(
	db: Db,
	actor: Actor,
	tableId: string,
	input: unknown,
	now: number,
	def: BoardCommandDef<S, R>
): BoardCommandResult<R> {
	const begun = beginCommand<S, R>(db, actor, input, def);
	if (begun.done) return begun.done;

	const facts = loadTableFacts(db, tableId);
	if (!facts) return { ok: false, reason: 'not-found' };
	const facilitator = canManageMeeting(actor, facts.meeting);
	if (!canViewTable(actor, facts)) return { ok: false, reason: 'not-allowed' };
	if (def.who === 'facilitator' && !facilitator) return { ok: false, reason: 'not-allowed' };
	if (def.who === 'participant' && actor.kind !== 'participant') return { ok: false, reason: 'not-a-voter' };
	if (facts.meeting.status !== 'open' && facts.meeting.status !== 'live') {
		return { ok: false, reason: 'meeting-not-active' };
	}

	const entry = {
		commandId: begun.commandId,
		type: def.type,
		meetingId: facts.meeting.id,
		actor,
		payload: { tableId, ...(begun.input as object) },
		now,
		changes: def.changes
	};
	return commitCommand(db, entry, (txDb, touched, seq) => {
		const table = tableById(txDb).get({ id: tableId });
		const meeting = table && meetingById(txDb).get({ id: table.meetingId });
		if (!table || !meeting) return { ok: false, reason: 'not-found' };
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
			notify(pid, kind, payload) {
				addNotice(txDb, pid, kind, payload, now);
				touched.participants.add(pid);
			},
			allows(action) {
				if (action === 'vote') return phaseAllows('vote', table.phase, meeting);
				return phaseAllows(facilitator ? 'moderate' : action, table.phase, meeting);
			}
		};
		return def.run(ctx, begun.input);
	});
}

const tableById = preparedQuery((db) => db.select().from(tables).where(eq(tables.id, sql.placeholder('id'))).prepare());
const meetingById = preparedQuery((db) => db.select().from(meetings).where(eq(meetings.id, sql.placeholder('id'))).prepare());

export function addNotice(
	db: Db,
	participantId: string,
	kind: NoticeKind,
	payload: Record<string, string | number>,
	now: number
): void {
	db.insert(notices).values({ id: newId(), participantId, kind, payload, createdAt: now }).run();
}
