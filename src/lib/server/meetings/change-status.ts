import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { meetings, type MeetingStatus } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { actorRef, CommandIdSchema, findCommand } from '../commands/command-log.ts';
import { fieldErrors, loadManageableMeeting, logManagement } from './manage-access.ts';
import { closesPoll, planTransition, TRANSITION_ACTIONS } from './transitions.ts';
import type { DomainChange } from '../events.ts';
import { currentPollChange } from '../polls/poll-change.ts';

export const ChangeStatusSchema = v.object({
	commandId: CommandIdSchema,
	action: v.picklist(TRANSITION_ACTIONS, 'action-invalid')
});

export type ChangeStatusResult =
	| { ok: true; status: MeetingStatus; replayed: boolean; change: DomainChange | null }
	| { ok: false; reason: 'not-found' | 'not-allowed' | 'invalid-transition' | 'command-id-taken' }
	| { ok: false; reason: 'invalid'; errors: Record<string, string> };

/** One explicit step in the meeting's life cycle (transitions.ts), logged as `meeting.status`. */
export function changeMeetingStatus(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	input: unknown,
	now: number
): ChangeStatusResult {
	const parsed = v.safeParse(ChangeStatusSchema, input);
	if (!parsed.success) return { ok: false, reason: 'invalid', errors: fieldErrors(parsed.issues) };
	const { commandId, action } = parsed.output;
	const access = loadManageableMeeting(db, actor, meetingId);
	if (!access.ok)
		return { ok: false, reason: access.reason === 'not-found' ? 'not-found' : 'not-allowed' };
	if (!actor) return { ok: false, reason: 'not-allowed' };
	// A retry of an applied command (a double click, a resent form) answers as the first time did.
	const earlier = findCommand(db, commandId);
	if (earlier) {
		const result = earlier.result as { status?: MeetingStatus } | null;
		if (
			earlier.type !== 'meeting.status' ||
			earlier.actorId !== actorRef(actor).actorId ||
			!result?.status
		) {
			return { ok: false, reason: 'command-id-taken' };
		}
		return { ok: true, status: result.status, replayed: true, change: null };
	}
	const plan = planTransition(access.meeting.status, action);
	if (!plan.ok) return { ok: false, reason: 'invalid-transition' };
	const committed = db.transaction((tx) => {
		const set: Partial<typeof meetings.$inferInsert> = { status: plan.to };
		if (closesPoll(action) && access.meeting.pollClosedAt === null) set.pollClosedAt = now;
		tx.update(meetings).set(set).where(eq(meetings.id, meetingId)).run();
		logManagement(tx as unknown as Db, {
			actor,
			meetingId,
			type: 'meeting.status',
			commandId,
			payload: { action, from: access.meeting.status },
			result: { status: plan.to },
			at: now
		});
		return plan.to;
	});
	// The live docs show whether the poll takes answers: the caller publishes this after the commit.
	return { ok: true, status: committed, replayed: false, change: currentPollChange(db, meetingId) };
}
