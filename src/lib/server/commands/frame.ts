import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { inScopeTurn, locksAfterRead, lockScope, transaction } from '../db/transaction.ts';
import type { Actor } from '../auth/session.ts';
import type { DomainChange } from '../events.ts';
import { newId } from '../ids.ts';
import { countCommand } from '../ops/metrics.ts';
import { disconnectLive, publishChange, resetLiveRooms, type ConnectionFilter } from '../realtime-seam.ts';
import { actorRef, CommandIdSchema, findCommand, recordCommand, recordMeeting, recordResult } from './command-log.ts';
import { refuse, type Refusal, type RefusalReason } from './refusals.ts';
import { isDatabaseUnavailable, isUniqueViolation } from '../db/errors.ts';
import { withoutNul } from './without-nul.ts';
import { claimedMeeting } from './meeting-claim.ts';

/** The command log's unique key on the client-made command id (see schema.ts commandLog). */
const COMMAND_ID_KEY = { constraint: 'command_log_command_idx', column: 'command_log.command_id' };

// The one frame every state-changing command passes through, whichever door (JSON endpoint, form
// action) it came in by:
//   limits (per person) → parse → one transaction (replay a known command id → load facts → lock the
//   meeting's scope → authorize → command-log entry, the command, its history, its result) →
//   after the commit only: publish the change, run effects (close sockets), count metrics.
// Every read that a check depends on happens inside the transaction, after the scope lock where the
// database needs one (PostgreSQL: the lock comes first when the scope knows its meeting up front, else
// the facts are read again after it), so two commands at once cannot both
// pass a check (a budget, an order key, a command id) that only one of them should.
// A scope (board, meeting, plenary, poll, management) passes in what differs: its schema, how it loads
// and checks its facts, the command's body with its scope-specific steps (version capture, poll
// snapshot) and its effects. The frame knows no scope: it imports nothing above src/lib/server.
//
// What is not a command (and why): signing in and out, the language cookie, and joining (by code or
// personal link) change the session, not the meeting's state, and happen before there is an actor:
// the frame's limits, log and replay are per person, and a visitor is nobody yet. Those keep their
// own guards (per-address and per-account login and join limits, join-code lookups), and refuse from
// the same table through the form door. Joining creates a participant; that row is the person's
// identity, written by join-meeting.ts / personal-link.ts in one transaction, and the session made
// for it is a session operation. Everything a signed-in person changes afterwards (including their
// own password) is a command through this frame.

export type { Refusal, RefusalReason } from './refusals.ts';

/** What a command's body hands back from inside the transaction. */
export type Done<R, C extends DomainChange = DomainChange> =
	| {
			ok: true;
			result: R;
			change: C | null;
			/** The meeting a creating command made: its log entry belongs to it from now on. */
			madeMeeting?: string;
	  }
	| Refusal;

export type CommandOutcome<R, C extends DomainChange = DomainChange> =
	| { ok: true; result: R; replayed: boolean; change: C | null }
	| Refusal;

export interface RunContext<F, I> {
	/** The transaction: every read and write of the command goes through it. */
	db: Db;
	actor: Actor;
	now: number;
	/** This command's seq in the command log (history entries carry it). */
	seq: number;
	facts: F;
	input: I;
}

/** A per-person limit on commands (token bucket or similar): false means "too many, wait". */
export interface CommandLimit {
	consume(key: string, now?: number): boolean | Promise<boolean>;
	/** The bucket's size and refill period, to tell a refused client when to try again. */
	readonly capacity?: number;
	readonly refillMs?: number;
}

// Every person's commands together, whichever door and scope: set by the app that serves people
// (src/lib/server/app.ts, server/app-hub.ts); the domain called directly (fixtures, tests, the demo
// seed) runs unlimited. Kept on globalThis: the SvelteKit bundle (HTTP) and the Node-run hub (the room
// socket's commands) each hold a copy of this module, and a person has one budget across both doors.
const LIMIT_KEY = Symbol.for('denktafel.commands-per-person');
type LimitRegistry = { [LIMIT_KEY]?: CommandLimit | null };

function commandLimit(): CommandLimit | null {
	return (globalThis as LimitRegistry)[LIMIT_KEY] ?? null;
}

/** Limits each person's commands through the frame from now on (null: no limit). */
export function limitCommandsPerPerson(limit: CommandLimit | null): void {
	(globalThis as LimitRegistry)[LIMIT_KEY] = limit;
}

/** Sets the per-person limit unless one is set already (each side of the process may start first). */
export function ensureCommandLimit(make: () => CommandLimit): void {
	if (!commandLimit()) limitCommandsPerPerson(make());
}

function tooMany(limit: CommandLimit): Refusal {
	const perToken = limit.capacity && limit.refillMs ? limit.refillMs / limit.capacity : 60_000;
	return { ok: false, reason: 'too-many-attempts', retryAfter: Math.max(1, Math.ceil(perToken / 1000)) };
}

export interface CommandScope<F, I, R, C extends DomainChange = DomainChange> {
	/** The command-log type (`card.add`, `poll.answer`, …): replays must match it. */
	type: string;
	/**
	 * `client`: the input carries a client-made command id, and a retry answers as the first time did.
	 * `server`: a form with no id of its own (management forms); the frame makes one, nothing replays.
	 */
	commandId?: 'client' | 'server';
	/** Parses and validates the input; refusals are `invalid` with field codes. */
	parse(input: unknown): { ok: true; value: I } | Refusal;
	/**
	 * The facts authorization needs and the meeting the command belongs to (its log entry; null for a
	 * command that makes its meeting, which names it in its `Done`).
	 */
	load(db: Db, input: I): Promise<{ ok: true; facts: F; meetingId: string | null } | Refusal>;
	/**
	 * The meeting the command belongs to, when known before loading (remembered from an earlier load: a
	 * table never changes meeting), else null. Known, the frame locks it before reading anything, so
	 * nothing is read twice, and on PostgreSQL waits its turn in this process before it takes a pooled
	 * connection (db/scope-turns.ts). A wrong guess costs a second lock and a re-read, never safety.
	 */
	meetingHint?(input: I): string | null;
	/** Role, membership, meeting state, phase: a reason to refuse, or null to go ahead. */
	authorize(actor: Actor, facts: F, input: I): RefusalReason | Refusal | null;
	/** What the log stores as the payload (default: the parsed input). */
	payload?(input: I, facts: F): unknown;
	/** The command and the scope's own steps, inside the transaction; a refusal rolls it all back. */
	run(ctx: RunContext<F, I>): Promise<Done<R, C>>;
	/** What the log keeps as the result, and a replay answers with (default: the result; never a secret). */
	logged?(result: R): unknown;
	/**
	 * What happens once committed, in order, after the change is published: sockets to close (people
	 * who lost access to a room), rooms to drop from memory, further changes to publish. Not on a replay.
	 */
	effects?(result: R, facts: F): Effect[];
	/** A stored result a replay may answer with; false refuses the id as taken. */
	replayable?(stored: unknown): boolean;
	/** A per-person limit: the same bucket whichever door the command came by. */
	limit?: CommandLimit;
}

/** An after-commit effect: close the sockets a filter names, drop rooms from memory, or publish. */
export type Effect = ConnectionFilter | { resetRooms: readonly string[] } | { publish: DomainChange };

/** The after-commit side: the hub seam and the metrics, replaceable in tests. */
export interface AfterCommit {
	publish(change: DomainChange): void;
	disconnect(filter: ConnectionFilter): void;
	resetRooms(rooms: readonly string[]): void;
	count(type: string): void;
}

const LIVE: AfterCommit = {
	publish: publishChange,
	disconnect: disconnectLive,
	resetRooms: resetLiveRooms,
	count: countCommand
};

/**
 * Runs after-commit effects outside a request (a scheduled system job has no actor to run a command
 * for); commands get theirs from the frame.
 */
export function runEffects(effects: readonly Effect[], after: AfterCommit = LIVE): void {
	for (const effect of effects) runEffect(after, effect);
}

function runEffect(after: AfterCommit, effect: Effect): void {
	if ('resetRooms' in effect) after.resetRooms(effect.resetRooms);
	else if ('publish' in effect) after.publish(effect.publish);
	else after.disconnect(effect);
}

class Rollback extends Error {
	readonly refusal: Refusal;
	constructor(refusal: Refusal) {
		super(refusal.reason);
		this.refusal = refusal;
	}
}

/** Collects valibot issues into one message code per field. */
export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of issues) {
		const key = String(issue.path?.[0]?.key ?? 'form');
		errors[key] ??= issue.message;
	}
	return errors;
}

/** A scope's `parse` from a valibot schema. */
export function parseWith<S extends v.GenericSchema>(
	schema: S
): (input: unknown) => { ok: true; value: v.InferOutput<S> } | Refusal {
	return (input) => {
		const parsed = v.safeParse(schema, input);
		return parsed.success
			? { ok: true, value: parsed.output }
			: refuse('invalid', fieldErrors(parsed.issues));
	};
}

const CommandHead = v.object({ commandId: CommandIdSchema });

/** Who a limit counts: one person, whichever device or door. */
export function personKey(actor: Actor): string {
	return actor.kind === 'user' ? `u:${actor.user.id}` : `p:${actor.participant.id}`;
}

let lastStamp = 0;
let lastClock = 0;
/**
 * The time a command writes: never the same millisecond as the command before it in this process. The
 * board's history finds the rows a command changed by their update time (board-history.ts), so two
 * commands committing within one millisecond would otherwise each claim the other's rows. Under a burst
 * of more than a thousand commands a second the stamps run ahead of the clock and catch up after it; a
 * clock that goes back (set back, or a test's chosen times) is believed.
 */
function commandStamp(now: number): number {
	lastStamp = now < lastClock ? now : Math.max(now, lastStamp + 1);
	lastClock = now;
	return lastStamp;
}

/** Runs one command through the whole frame; see the top of this file for the order. */
export async function runCommand<F, I, R, C extends DomainChange>(
	db: Db,
	actor: Actor,
	input: unknown,
	now: number,
	scope: CommandScope<F, I, R, C>,
	after: AfterCommit = LIVE
): Promise<CommandOutcome<R, C>> {
	// Limits first: a flood costs a lookup, never a parse, a query or a command-log row.
	const person = personKey(actor);
	const everyCommand = commandLimit();
	if (everyCommand && !(await everyCommand.consume(person, now))) return tooMany(everyCommand);
	if (scope.limit && !(await scope.limit.consume(person, now))) return tooMany(scope.limit);

	input = withoutNul(input);
	let commandId: string;
	if (scope.commandId === 'server') {
		commandId = newId();
	} else {
		const head = v.safeParse(CommandHead, input);
		if (!head.success) return refuse('invalid', fieldErrors(head.issues));
		commandId = head.output.commandId;
	}
	const parsed = scope.parse(input);
	if (!parsed.ok) return parsed;
	const claimed = claimedMeeting();

	type Committed = { replayed: false; result: R; change: C | null; facts: F } | { replayed: true; result: R };
	/** A known command id answers as a replay, or is refused when it was used for something else. */
	const replayOf = async (tx: Db): Promise<Committed | null> => {
		if (scope.commandId === 'server') return null;
		const earlier = await findCommand(tx, commandId);
		if (!earlier) return null;
		const same = earlier.type === scope.type && earlier.actorId === actorRef(actor).actorId;
		if (!same || (scope.replayable && !scope.replayable(earlier.result))) throw new Rollback(refuse('command-id-taken'));
		return { replayed: true, result: earlier.result as R };
	};
	const hint = scope.meetingHint?.(parsed.value) ?? null;
	const attempt = () =>
		inScopeTurn(db, hint, () => transaction(db, async (tx): Promise<Committed> => {
			// The meeting known up front is locked before the first read: what follows reads after the lock.
			if (hint !== null) await lockScope(tx, hint);
			const replay = await replayOf(tx);
			if (replay) return replay;
			let loaded = await scope.load(tx, parsed.value);
			if (!loaded.ok) throw new Rollback(loaded);
			// The request named another meeting (X-Denktafel-Meeting) than the command's: refused before
			// anything is decided or written.
			if (claimed !== null && loaded.meetingId !== null && claimed !== loaded.meetingId) {
				throw new Rollback(refuse('meeting-mismatch'));
			}
			if (loaded.meetingId !== null && loaded.meetingId !== hint) {
				await lockScope(tx, loaded.meetingId);
				// Another command of this meeting may have committed between the read and the lock: the
				// same command id sent twice at once, or a change to the facts.
				if (locksAfterRead(tx)) {
					const replayed = await replayOf(tx);
					if (replayed) return replayed;
					loaded = await scope.load(tx, parsed.value);
					if (!loaded.ok) throw new Rollback(loaded);
				}
			}
			const { facts, meetingId } = loaded;
			const stamp = commandStamp(now);
			const denied = scope.authorize(actor, facts, parsed.value);
			if (denied) throw new Rollback(typeof denied === 'string' ? refuse(denied) : denied);

			// Logged first, so the history the command writes can name its seq; the result follows.
			const seq = await recordCommand(tx, {
				commandId,
				type: scope.type,
				meetingId,
				actor,
				payload: scope.payload ? scope.payload(parsed.value, facts) : parsed.value,
				result: {},
				at: stamp
			});
			const outcome = await scope.run({ db: tx, actor, now: stamp, seq, facts, input: parsed.value });
			if (!outcome.ok) throw new Rollback(outcome);
			await recordResult(tx, seq, (scope.logged ? scope.logged(outcome.result) : outcome.result) ?? {});
			if (outcome.madeMeeting) await recordMeeting(tx, seq, outcome.madeMeeting);
			return { replayed: false, result: outcome.result, change: outcome.change, facts };
		}));
	let done: Committed;
	try {
		try {
			done = await attempt();
		} catch (error) {
			// The same command id committed by a transaction our lock did not wait for (another meeting's
			// scope, or none): the log's unique key refused ours and rolled it all back. Once more, now
			// that it is committed, finds it and answers as a replay (or refuses the id as taken).
			if (!isUniqueViolation(error, COMMAND_ID_KEY)) throw error;
			done = await attempt();
		}
	} catch (error) {
		if (error instanceof Rollback) return error.refusal;
		// PostgreSQL down or the connection lost: nothing was committed (the transaction rolled back or
		// never began); the client may send the same command id again.
		if (isDatabaseUnavailable(error)) return refuse('database-unavailable');
		throw error;
	}
	if (done.replayed) return { ok: true, result: done.result, replayed: true, change: null };

	// Committed: only now may anyone hear of it.
	if (done.change) after.publish(done.change);
	for (const effect of scope.effects?.(done.result, done.facts) ?? []) runEffect(after, effect);
	after.count(scope.type);
	return { ok: true, result: done.result, replayed: false, change: done.change };
}
