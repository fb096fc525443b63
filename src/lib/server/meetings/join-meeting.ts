import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { participants, SECTORS } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { LIMITS } from '../../realtime/limits.ts';
import { meetingAcceptsParticipants } from '../access/policies.ts';
import { findPartnership } from '../register/partnerships.ts';
import { normalizeJoinCode } from './join-code.ts';
import { findMeetingByCode, pickTableForNewcomer } from './queries.ts';

export const JoinSchema = v.object({
	displayName: v.pipe(
		v.string('name-required'),
		v.trim(),
		v.nonEmpty('name-required'),
		v.maxLength(LIMITS.displayNameMax, 'name-too-long')
	),
	partnership: v.pipe(v.string('partnership-required'), v.trim(), v.nonEmpty('partnership-required')),
	sector: v.picklist(SECTORS, 'sector-required')
});
export type JoinInput = v.InferInput<typeof JoinSchema>;

export type JoinFieldErrors = Partial<Record<'displayName' | 'partnership' | 'sector', string>>;

export type JoinResult =
	| { ok: true; participantId: string; meetingId: string; tableId: string | null }
	| { ok: false; reason: 'unknown-code' | 'meeting-closed' }
	| { ok: false; reason: 'invalid'; errors: JoinFieldErrors };

/** Looks up a meeting by what someone typed; tells an unknown code from one that no longer admits. */
export function resolveJoinCode(
	db: Db,
	input: string
): { ok: true; meeting: { id: string; title: string; anonymous: boolean } } | { ok: false; reason: 'unknown-code' | 'meeting-closed' } {
	const code = normalizeJoinCode(input);
	const meeting = code ? findMeetingByCode(db, code) : null;
	if (!meeting) return { ok: false, reason: 'unknown-code' };
	if (!meetingAcceptsParticipants(meeting)) return { ok: false, reason: 'meeting-closed' };
	return { ok: true, meeting: { id: meeting.id, title: meeting.title, anonymous: meeting.anonymous } };
}

/** A program leader joins a meeting: validated, registered, seated at the emptiest table. */
export function joinMeeting(db: Db, code: string, input: unknown): JoinResult {
	const target = resolveJoinCode(db, code);
	if (!target.ok) return target;
	const parsed = v.safeParse(JoinSchema, input);
	const errors: JoinFieldErrors = {};
	if (!parsed.success) {
		for (const issue of parsed.issues) {
			const key = issue.path?.[0]?.key as keyof JoinFieldErrors | undefined;
			if (key && !errors[key]) errors[key] = issue.message;
		}
		return { ok: false, reason: 'invalid', errors };
	}
	const partnership = findPartnership(db, parsed.output.partnership);
	if (!partnership) return { ok: false, reason: 'invalid', errors: { partnership: 'partnership-unknown' } };
	const meetingId = target.meeting.id;
	return db.transaction((tx) => {
		const tableId = pickTableForNewcomer(tx as unknown as Db, meetingId);
		const participantId = newId();
		tx.insert(participants)
			.values({
				id: participantId,
				meetingId,
				tableId,
				displayName: parsed.output.displayName,
				partnershipId: partnership.id,
				sector: parsed.output.sector
			})
			.run();
		return { ok: true as const, participantId, meetingId, tableId };
	});
}
