import type { Db } from '../db/client.ts';
import type { Actor } from '../auth/session.ts';
import { isAdmin } from './policies.ts';
import { runCommand, type CommandOutcome, type Effect } from '../commands/frame.ts';
import { refuse, type Refusal } from '../commands/refusals.ts';

// The admin scope of the command frame (commands/frame.ts): an administrator changes something that
// belongs to no meeting (accounts, the register of partnerships and regions). Like management forms,
// these carry no command id of their own: the frame makes one, the log is the audit trail, nothing
// replays. Anyone but an admin is refused before the input is read, so a facilitator learns 403 and
// never which field would have been wrong.

export interface AdminCommand<I, R> {
	type: string;
	/** Parses and validates the input (refusals from the one table, `invalid` with field codes). */
	parse(input: unknown): { ok: true; value: I } | Refusal;
	/** What the log stores as the payload (default: the parsed input). */
	payload?(input: I): unknown;
	/** Checks and writes, inside the transaction. */
	run(tx: Db, input: I): Promise<{ ok: true; result: R } | Refusal>;
	/** What the log keeps as the result (default: the result); for results that hold a secret. */
	logged?(result: R): unknown;
	/** What happens once committed (see the frame's effects): sockets of a disabled account. */
	effects?(result: R): Effect[];
}

export async function runAdmin<I, R>(
	db: Db,
	actor: Actor | null,
	input: unknown,
	now: number,
	command: AdminCommand<I, R>
): Promise<CommandOutcome<R>> {
	if (!actor || !isAdmin(actor)) return refuse('not-allowed');
	return runCommand(db, actor, input, now, {
		type: command.type,
		commandId: 'server',
		parse: command.parse,
		load: async () => ({ ok: true, facts: null, meetingId: null }),
		authorize: (actor) => (isAdmin(actor) ? null : 'not-allowed'),
		payload: command.payload ? (input) => command.payload!(input) : undefined,
		logged: command.logged,
		effects: command.effects ? (result) => command.effects!(result) : undefined,
		async run({ db: tx, input }) {
			const done = await command.run(tx, input);
			return done.ok ? { ok: true, result: done.result, change: null } : done;
		}
	});
}
