import * as v from 'valibot';
import type { Ballot } from '../../realtime/meeting-doc.ts';
import type { Db } from '../db/client.ts';
import { meetings } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { loadMeetingFacts } from '../access/facts.ts';
import { canManagePoll } from '../access/poll-policies.ts';
import { actorRef, CommandIdSchema, findCommand, recordCommand } from '../commands/command-log.ts';
import type { PollChange } from '../events.ts';
import { issueCodes } from './question-schema.ts';
import { pollSnapshot } from './poll-queries.ts';
import { eq } from 'drizzle-orm';

export type PollFailureReason =
	| 'not-found'
	| 'not-allowed'
	| 'command-id-taken'
	| 'poll-closed'
	| 'meeting-not-active'
	| 'question-unknown'
	| 'key-taken'
	| 'needs-confirmation'
	| 'invalid';

export type PollFailure =
	| { ok: false; reason: Exclude<PollFailureReason, 'invalid' | 'needs-confirmation'> }
	| { ok: false; reason: 'invalid'; errors: Record<string, string> }
	| { ok: false; reason: 'needs-confirmation'; affectedResponses: number };

export type PollResult<T> =
	{ ok: true; value: T; replayed: boolean; change: PollChange | null } | PollFailure;

/** What a command's body did inside the transaction. */
export type Applied<T> =
	| { ok: true; value: T; ballots?: Ballot[]; removedBallotIds?: string[]; prune?: boolean }
	| PollFailure;

export type MeetingRow = typeof meetings.$inferSelect;

const CommandOnly = v.object({ commandId: CommandIdSchema });

/** The command id of an input, or field codes. */
export function parseCommandId(input: unknown): { ok: true; commandId: string } | PollFailure {
	const parsed = v.safeParse(CommandOnly, input);
	return parsed.success
		? { ok: true, commandId: parsed.output.commandId }
		: { ok: false, reason: 'invalid', errors: issueCodes(parsed.issues) };
}

/** A retry of an applied command answers with its stored value; another actor's id is refused. */
export function replay<T>(
	db: Db,
	actor: Actor,
	commandId: string,
	type: string
): PollResult<T> | null {
	const earlier = findCommand(db, commandId);
	if (!earlier) return null;
	if (earlier.type !== type || earlier.actorId !== actorRef(actor).actorId) {
		return { ok: false, reason: 'command-id-taken' };
	}
	return { ok: true, value: earlier.result as T, replayed: true, change: null };
}

/**
 * Runs a poll command in one synchronous transaction: its body, the command-log entry and the
 * snapshot the change carries (so the published change is exactly what committed).
 */
export function commitPollCommand<T>(
	db: Db,
	actor: Actor,
	meeting: MeetingRow,
	entry: { commandId: string; type: string; payload: unknown; now: number },
	body: (tx: Db, meeting: MeetingRow) => Applied<T>
): PollResult<T> {
	return db.transaction((tx): PollResult<T> => {
		const txDb = tx as unknown as Db;
		// Read again inside the transaction: the state a command decides on is the state it commits to.
		const fresh = txDb.select().from(meetings).where(eq(meetings.id, meeting.id)).get();
		if (!fresh) return { ok: false, reason: 'not-found' };
		const applied = body(txDb, fresh);
		if (!applied.ok) return applied;
		recordCommand(txDb, {
			commandId: entry.commandId,
			type: entry.type,
			meetingId: meeting.id,
			actor,
			payload: entry.payload,
			result: applied.value,
			at: entry.now
		});
		const snapshot = pollSnapshot(txDb, meeting.id);
		if (!snapshot) return { ok: false, reason: 'not-found' };
		return {
			ok: true,
			value: applied.value,
			replayed: false,
			change: {
				type: 'poll.changed',
				meetingId: meeting.id,
				snapshot,
				ballots: applied.ballots ?? [],
				removedBallotIds: applied.removedBallotIds ?? [],
				prune: applied.prune ?? false
			}
		};
	});
}

/**
 * A facilitator's poll command: command id, replay, existence, `canManagePoll`, then the body in one
 * transaction with its log entry.
 */
export function runManageCommand<T>(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: unknown,
	spec: { type: string; now: number; payload?: (input: unknown) => unknown },
	body: (tx: Db, meeting: MeetingRow) => Applied<T>
): PollResult<T> {
	const id = parseCommandId(input);
	if (!id.ok) return id;
	const earlier = replay<T>(db, actor, id.commandId, spec.type);
	if (earlier) return earlier;
	const facts = loadMeetingFacts(db, meetingId);
	if (!facts) return { ok: false, reason: 'not-found' };
	if (!canManagePoll(actor, facts)) return { ok: false, reason: 'not-allowed' };
	const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
	if (!meeting) return { ok: false, reason: 'not-found' };
	const payload = spec.payload ? spec.payload(input) : input;
	return commitPollCommand(
		db,
		actor,
		meeting,
		{ commandId: id.commandId, type: spec.type, payload, now: spec.now },
		body
	);
}
