import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { tables } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { runCommand, type CommandOutcome, type Done, type Effect } from '../commands/frame.ts';
import { refuse, type Refusal } from '../commands/refusals.ts';
import type { BoardChange, DomainChange } from '../events.ts';
import { loadManageableMeeting, type Meeting } from './manage-access.ts';

// The management scope of the command frame (commands/frame.ts): a facilitator changes how a meeting
// is set up. Management forms carry no command id of their own, so the frame makes one (the log is the
// audit trail) and nothing replays. What shows on live boards (themes, tables) names every board of
// the meeting in its change, so the frame publishes it after the commit like any other command.

export interface ManagementCommand<R> {
	type: string;
	/** Only while the meeting's details may still change (transitions.ts). */
	editing?: boolean;
	/** The setup shows on the live boards: rewrite every board of the meeting once committed. */
	boards?: boolean;
	payload?: unknown;
	/** What the log keeps as the result (default: the result); for results that hold a secret. */
	logged?(result: R): unknown;
	/** What happens once committed (see the frame's effects). */
	effects?(result: R): Effect[];
	/** Checks and writes, inside the transaction, with the meeting as loaded for authorization. */
	run(tx: Db, meeting: Meeting): Promise<{ ok: true; result: R } | Refusal>;
}

export async function runManagement<R>(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	now: number,
	command: ManagementCommand<R>
): Promise<CommandOutcome<R>> {
	if (!actor) return refuse('not-allowed');
	return runCommand(db, actor, null, now, {
		type: command.type,
		commandId: 'server',
		parse: () => ({ ok: true, value: null }),
		async load(db) {
			const access = await loadManageableMeeting(db, actor, meetingId, { editing: command.editing });
			if (!access.ok && access.reason === 'not-found') return refuse('not-found');
			return { ok: true, facts: access, meetingId };
		},
		authorize: (_actor, access) => (access.ok ? null : access.reason),
		payload: () => command.payload ?? {},
		logged: command.logged,
		effects: command.effects ? (result) => command.effects!(result) : undefined,
		async run({ db: tx, facts }): Promise<Done<R, DomainChange>> {
			if (!facts.ok) return refuse(facts.reason);
			const done = await command.run(tx, facts.meeting);
			if (!done.ok) return done;
			return { ok: true, result: done.result, change: command.boards ? await allBoardsOf(tx, meetingId) : null };
		}
	});
}

/** Every board of a meeting, to rewrite after its themes or tables changed. */
async function allBoardsOf(db: Db, meetingId: string): Promise<BoardChange> {
	const tableIds = (await db.select({ id: tables.id }).from(tables).where(eq(tables.meetingId, meetingId))).map((t) => t.id);
	return { type: 'board.changed', meetingId, tableIds, participantIds: [] };
}
