import type { Db } from '../db/client.ts';
import type { Actor } from '../auth/session.ts';
import { canCreateMeeting } from '../access/policies.ts';
import { runCommand, type CommandOutcome } from '../commands/frame.ts';
import { refuse, type Refusal } from '../commands/refusals.ts';

// The staff scope of the command frame (commands/frame.ts): a staff member makes a meeting (empty,
// from the template, or as a copy), or changes something that belongs to no meeting (a series). Like
// management forms, these carry no command id of their own. A creating command's log entry is made
// before the meeting exists and then belongs to the meeting it made.

type Staff = Extract<Actor, { kind: 'user' }>;

export interface CreatingCommand<R extends { meetingId: string }> {
	type: string;
	payload?: unknown;
	/** Makes the meeting inside the transaction. */
	run(tx: Db, staff: Staff): Promise<{ ok: true; result: R } | Refusal>;
}

export function runCreation<R extends { meetingId: string }>(
	db: Db,
	actor: Actor | null,
	now: number,
	command: CreatingCommand<R>
): Promise<CommandOutcome<R>> {
	return runAsStaff(db, actor, now, command, (result) => result.meetingId);
}

/** A staff command about no meeting (a series): authorized by the staff policy, then `run`'s own checks. */
export function runStaffCommand<R>(
	db: Db,
	actor: Actor | null,
	now: number,
	command: { type: string; payload?: unknown; run(tx: Db, staff: Staff): Promise<{ ok: true; result: R } | Refusal> }
): Promise<CommandOutcome<R>> {
	return runAsStaff(db, actor, now, command);
}

/** Both kinds: the staff policy, no command id of their own; `madeMeeting` files the log entry under it. */
async function runAsStaff<R>(
	db: Db,
	actor: Actor | null,
	now: number,
	command: { type: string; payload?: unknown; run(tx: Db, staff: Staff): Promise<{ ok: true; result: R } | Refusal> },
	madeMeeting?: (result: R) => string
): Promise<CommandOutcome<R>> {
	if (actor?.kind !== 'user') return refuse('not-allowed');
	const staff = actor;
	return runCommand(db, actor, null, now, {
		type: command.type,
		commandId: 'server',
		parse: () => ({ ok: true, value: null }),
		load: async () => ({ ok: true, facts: null, meetingId: null }),
		authorize: (actor) => (canCreateMeeting(actor) ? null : 'not-allowed'),
		payload: () => command.payload ?? {},
		async run({ db: tx }) {
			const done = await command.run(tx, staff);
			if (!done.ok) return done;
			return madeMeeting
				? { ok: true, result: done.result, change: null, madeMeeting: madeMeeting(done.result) }
				: { ok: true, result: done.result, change: null };
		}
	});
}
