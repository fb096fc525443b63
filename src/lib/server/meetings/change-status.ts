import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { meetings, type MeetingStatus } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { CommandIdSchema } from '../commands/command-log.ts';
import { parseWith, runCommand } from '../commands/frame.ts';
import { refuse, type Refusal } from '../commands/refusals.ts';
import type { ConnectionFilter } from '../realtime-seam.ts';
import { loadManageableMeeting } from './manage-access.ts';
import { closesPoll, planTransition, TRANSITION_ACTIONS } from './transitions.ts';
import type { DomainChange } from '../events.ts';
import { currentPollChange } from '../polls/poll-change.ts';

export const ChangeStatusSchema = v.object({
	commandId: CommandIdSchema,
	action: v.picklist(TRANSITION_ACTIONS, 'action-invalid')
});

type Input = v.InferOutput<typeof ChangeStatusSchema>;
type Access = Awaited<ReturnType<typeof loadManageableMeeting>>;

export type ChangeStatusResult =
	| { ok: true; status: MeetingStatus; replayed: boolean; change: DomainChange | null }
	| Refusal;

/**
 * One explicit step in the meeting's life cycle (transitions.ts), logged as `meeting.status`, through
 * the command frame: the live docs then show whether the poll takes answers, and a closed meeting's
 * participants lose their sockets.
 */
export async function changeMeetingStatus(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	input: unknown,
	now: number
): Promise<ChangeStatusResult> {
	if (!actor) return refuse('not-allowed');
	const outcome = await runCommand<Access, Input, { status: MeetingStatus }, DomainChange>(db, actor, input, now, {
		type: 'meeting.status',
		parse: parseWith(ChangeStatusSchema),
		async load(db) {
			const access = await loadManageableMeeting(db, actor, meetingId);
			if (!access.ok && access.reason === 'not-found') return refuse('not-found');
			return { ok: true, facts: access, meetingId };
		},
		authorize: (_actor, access) => (access.ok ? null : 'not-allowed'),
		replayable: (stored) => typeof (stored as { status?: unknown } | null)?.status === 'string',
		payload: ({ action }, access) => ({ action, from: access.ok ? access.meeting.status : null }),
		async run({ db: tx, facts, input }) {
			if (!facts.ok) return refuse('not-allowed');
			const meeting = facts.meeting;
			const plan = planTransition(meeting.status, input.action);
			if (!plan.ok) return refuse('invalid-transition');
			const set: Partial<typeof meetings.$inferInsert> = { status: plan.to };
			if (closesPoll(input.action) && meeting.pollClosedAt === null) set.pollClosedAt = now;
			await tx.update(meetings).set(set).where(eq(meetings.id, meetingId));
			return { ok: true, result: { status: plan.to }, change: await currentPollChange(tx, meetingId) };
		},
		effects: ({ status }) => socketsAfterStatus(meetingId, status)
	});
	if (!outcome.ok) return outcome;
	return { ok: true, status: outcome.result.status, replayed: outcome.replayed, change: outcome.change };
}

/**
 * Sockets follow permissions: once a meeting is closed or archived its participants may not open its
 * rooms (access/policies.ts), so their open connections are closed (4403); facilitators stay.
 */
function socketsAfterStatus(meetingId: string, status: MeetingStatus): ConnectionFilter[] {
	return status === 'closed' || status === 'archived'
		? [{ meetingId, participantsOnly: true, code: 4403 }]
		: [];
}
