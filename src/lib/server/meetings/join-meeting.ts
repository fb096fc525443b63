import { transaction } from '../db/transaction.ts';
import type { Db } from '../db/client.ts';
import { participants } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { resolveIdentity, type Identity, type IdentityErrors } from '../register/identity.ts';
import { nextPseudonym } from '../privacy/pseudonym.ts';
import { normalizeJoinCode } from './join-code.ts';
import { findMeetingByCode, getMeeting, pickTableForNewcomer } from './queries.ts';
import { joinRefusal } from './transitions.ts';

export type JoinFieldErrors = IdentityErrors;

export type JoinResult =
	| { ok: true; participantId: string; meetingId: string; tableId: string | null }
	| { ok: false; reason: JoinRefusal }
	| { ok: false; reason: 'invalid'; errors: JoinFieldErrors };

/** A draft is "not open yet"; a closed or archived meeting is "closed". */
export type JoinRefusal = 'unknown-code' | 'meeting-not-open' | 'meeting-closed';

/** Looks up a meeting by what someone typed; tells an unknown code from one that no longer admits. */
export async function resolveJoinCode(
	db: Db,
	input: string
):
	Promise<| { ok: true; meeting: { id: string; title: string; anonymous: boolean } }
	| { ok: false; reason: JoinRefusal }> {
	const code = normalizeJoinCode(input);
	const meeting = code ? await findMeetingByCode(db, code) : null;
	if (!meeting) return { ok: false, reason: 'unknown-code' };
	const refusal = joinRefusal(meeting.status);
	if (refusal) return { ok: false, reason: refusal };
	return {
		ok: true,
		meeting: { id: meeting.id, title: meeting.title, anonymous: meeting.anonymous }
	};
}

/**
 * A program leader joins a meeting: validated, registered, seated at the emptiest table (or left to
 * choose one, when the facilitator lets participants choose). In an
 * anonymous meeting nothing is asked and whatever was sent is ignored: the participant gets a
 * pseudonym that only the server knows.
 */
export async function joinMeeting(db: Db, code: string, input: unknown): Promise<JoinResult> {
	const target = await resolveJoinCode(db, code);
	if (!target.ok) return target;
	let identity: Identity | null = null;
	if (!target.meeting.anonymous) {
		const resolved = await resolveIdentity(db, input);
		if (!resolved.ok) return { ok: false, reason: 'invalid', errors: resolved.errors };
		identity = resolved.identity;
	}
	const meetingId = target.meeting.id;
	return transaction(db, async (tx) => {
		const participant = await addParticipant(tx, meetingId, identity, null);
		return { ok: true as const, meetingId, ...participant };
	}, { lock: meetingId });
}

/**
 * Inserts a participant (identity null: anonymous, a pseudonym and nothing else) and seats them.
 * Call inside a transaction; also used by the personal invitation link.
 */
export async function addParticipant(
	db: Db,
	meetingId: string,
	identity: Identity | null,
	invitationId: string | null
): Promise<{ participantId: string; tableId: string | null }> {
	// When people choose their own table, nobody is seated for them: they pick one after joining.
	const tableId = (await getMeeting(db, meetingId))?.participantsChooseTable ? null : await pickTableForNewcomer(db, meetingId);
	const participantId = newId();
	await db.insert(participants)
		.values({
			id: participantId,
			meetingId,
			tableId,
			displayName: identity?.displayName ?? (await nextPseudonym(db, meetingId)),
			partnershipId: identity?.partnershipId ?? null,
			partnershipOther: identity?.partnershipOther ?? null,
			sector: identity?.sector ?? null,
			regionId: identity?.regionId ?? null,
			invitationId
		});
	return { participantId, tableId };
}
