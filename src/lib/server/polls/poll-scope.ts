import { first } from '../db/query.ts';
import { eq } from 'drizzle-orm';
import type { Ballot } from '../../realtime/meeting-doc.ts';
import type { Db } from '../db/client.ts';
import { meetings } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { loadMeetingFacts } from '../access/facts.ts';
import type { MeetingFacts } from '../access/policies.ts';
import { canManagePoll } from '../access/poll-policies.ts';
import { TokenBucket } from '../auth/rate-limit.ts';
import { runCommand, type CommandLimit, type CommandOutcome } from '../commands/frame.ts';
import { refuse, type Refusal, type RefusalReason } from '../commands/refusals.ts';
import type { PollChange } from '../events.ts';
import { pollSnapshot } from './poll-queries.ts';

// The poll scope of the command frame (commands/frame.ts): the meeting's facts, a fresh read of the
// meeting inside the transaction, and the poll's own step after the body — the snapshot the change
// carries, so the published change is exactly what committed.

export type PollFailureReason = Extract<
	RefusalReason,
	| 'not-found'
	| 'not-allowed'
	| 'command-id-taken'
	| 'poll-closed'
	| 'meeting-not-active'
	| 'question-unknown'
	| 'key-taken'
	| 'needs-confirmation'
	| 'invalid'
	| 'too-many-attempts'
>;

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

type PollFacts = { facts: MeetingFacts; meeting: MeetingRow };

// Save as you go sends an answer per change: generous, but a runaway client is stopped. One bucket per
// person for the poll API and the phone form alike: both doors run `poll.answer` through this scope.
export const ANSWER_LIMIT: CommandLimit = new TokenBucket(120, 60_000);

export interface PollScope<I, T> {
	type: string;
	parse: (input: unknown) => { ok: true; value: I } | Refusal;
	authorize(actor: Actor, poll: PollFacts): RefusalReason | null;
	payload?(input: I): unknown;
	limit?: CommandLimit;
	/** The command itself, with the meeting as read inside the transaction. */
	body(tx: Db, meeting: MeetingRow, input: I): Promise<Applied<T>>;
}

/** Runs a poll command through the frame; the answer keeps the poll's shape (`value`). */
export async function runPollCommand<I, T>(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: unknown,
	now: number,
	scope: PollScope<I, T>
): Promise<PollResult<T>> {
	const outcome = await runCommand(db, actor, input, now, {
		type: scope.type,
		parse: scope.parse,
		limit: scope.limit,
		// The meeting is named up front: locked before anything is read (see the frame).
		meetingHint: () => meetingId,
		async load(db) {
			const facts = await loadMeetingFacts(db, meetingId);
			const meeting = await first(db.select().from(meetings).where(eq(meetings.id, meetingId)));
			return facts && meeting ? { ok: true, facts: { facts, meeting }, meetingId } : refuse('not-found');
		},
		authorize: (actor, poll) => scope.authorize(actor, poll),
		payload: scope.payload,
		async run({ db: tx, input }) {
			// Read again inside the transaction: the state a command decides on is the state it commits to.
			const fresh = await first(tx.select().from(meetings).where(eq(meetings.id, meetingId)));
			if (!fresh) return refuse('not-found');
			const applied = await scope.body(tx, fresh, input);
			if (!applied.ok) return applied;
			const snapshot = await pollSnapshot(tx, meetingId);
			if (!snapshot) return refuse('not-found');
			return {
				ok: true,
				result: applied.value,
				change: {
					type: 'poll.changed',
					meetingId,
					snapshot,
					ballots: applied.ballots ?? [],
					removedBallotIds: applied.removedBallotIds ?? [],
					prune: applied.prune ?? false
				}
			};
		}
	});
	return asPollResult(outcome);
}

async function asPollResult<T>(outcome: CommandOutcome<T, PollChange>): Promise<PollResult<T>> {
	if (outcome.ok) {
		return { ok: true, value: outcome.result, replayed: outcome.replayed, change: outcome.change };
	}
	if (outcome.reason === 'invalid') return { ok: false, reason: 'invalid', errors: outcome.errors ?? {} };
	if (outcome.reason === 'needs-confirmation') {
		return { ok: false, reason: 'needs-confirmation', affectedResponses: outcome.affectedResponses ?? 0 };
	}
	return { ok: false, reason: outcome.reason as Exclude<PollFailureReason, 'invalid' | 'needs-confirmation'> };
}

/** A facilitator's poll command: `canManagePoll`, then the body in the frame's transaction. */
export function runManageCommand<T>(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: unknown,
	spec: { type: string; now: number; payload?: (input: unknown) => unknown },
	body: (tx: Db, meeting: MeetingRow) => Promise<Applied<T>>
): Promise<PollResult<T>> {
	return runPollCommand<unknown, T>(db, actor, meetingId, input, spec.now, {
		type: spec.type,
		// The body validates the rest of its input (it needs the questions to do so).
		parse: (input) => ({ ok: true, value: input }),
		authorize: (actor, poll) => (canManagePoll(actor, poll.facts) ? null : 'not-allowed'),
		payload: (input) => (spec.payload ? spec.payload(input) : input),
		body: (tx, meeting) => body(tx, meeting)
	});
}

