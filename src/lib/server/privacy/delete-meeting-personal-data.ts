import type { Db } from '../db/client.ts';
import type { Actor } from '../auth/session.ts';
import type { Refusal } from '../commands/refusals.ts';
import { runManagement } from '../meetings/management-scope.ts';
import type { Effect } from '../commands/frame.ts';
import { deletePersonalData, type DeletionReport } from './delete-personal-data.ts';

export type DeletionAnswer = { ok: true; report: Omit<DeletionReport, 'changes'> } | Refusal;

/**
 * Deletes a meeting's personal data as a management command of the frame. After the commit: rooms in
 * memory are dropped unsaved (so no name goes back into storage from them), the scrubbed state is
 * published, and the meeting's live connections close: participants are signed out, facilitators
 * reconnect to rebuilt rooms.
 */
export async function deleteMeetingPersonalData(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	now: number
): Promise<DeletionAnswer> {
	const outcome = await runManagement(db, actor, meetingId, now, {
		type: 'meeting.personal-data.delete',
		async run(tx) {
			const result = await deletePersonalData(tx, meetingId, now);
			if (!result.ok) return result;
			const { ok: _ok, ...report } = result;
			return { ok: true, result: report };
		},
		// The log keeps the counts, not the rooms and changes.
		logged: ({ participants, invitations, sessions, cards, commands }) => ({
			participants,
			invitations,
			sessions,
			cards,
			commands
		}),
		effects: (report) => deletionEffects(meetingId, report)
	});
	if (!outcome.ok) return outcome;
	const { changes: _changes, ...report } = outcome.result;
	return { ok: true, report };
}


/** Drop the rooms unsaved, publish the scrubbed state, close the meeting's connections: in this order. */
export function deletionEffects(meetingId: string, report: Pick<DeletionReport, 'rooms' | 'changes'>): Effect[] {
	return [
		{ resetRooms: report.rooms },
		...report.changes.map((change) => ({ publish: change })),
		{ meetingId }
	];
}
