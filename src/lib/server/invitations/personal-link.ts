import { first } from '../db/query.ts';
import { transaction } from '../db/transaction.ts';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { invitations, meetings, participants } from '../db/schema.ts';
import { meetingAcceptsParticipants } from '../access/policies.ts';
import { resolveIdentity, type IdentityErrors } from '../register/identity.ts';
import { addParticipant } from '../meetings/join-meeting.ts';
import { invitationTokenHash } from './tokens.ts';

export interface PersonalLinkView {
	invitationId: string;
	meetingId: string;
	meetingTitle: string;
	anonymous: boolean;
	/** The invited name (named meetings only); null: the form asks for it. */
	name: string | null;
	partnership: string | null;
	/** True once the link has made its participant: using it again just signs in. */
	used: boolean;
}

export type PersonalLinkLookup =
	{ ok: true; link: PersonalLinkView } | { ok: false; reason: 'unknown-link' | 'meeting-closed' };

/** What a personal link stands for; never says whether an unknown token once existed. */
export async function lookUpPersonalLink(db: Db, token: string): Promise<PersonalLinkLookup> {
	const hash = invitationTokenHash(token);
	const row = hash
		? await first(db
				.select({ invitation: invitations, meeting: meetings, participantId: participants.id })
				.from(invitations)
				.innerJoin(meetings, eq(meetings.id, invitations.meetingId))
				.leftJoin(participants, eq(participants.id, invitations.participantId))
				.where(eq(invitations.tokenHash, hash)))
		: undefined;
	if (!row) return { ok: false, reason: 'unknown-link' };
	if (!meetingAcceptsParticipants(row.meeting)) return { ok: false, reason: 'meeting-closed' };
	const anonymous = row.meeting.anonymous;
	return {
		ok: true,
		link: {
			invitationId: row.invitation.id,
			meetingId: row.meeting.id,
			meetingTitle: row.meeting.title,
			anonymous,
			name: anonymous ? null : row.invitation.name,
			partnership: anonymous ? null : row.invitation.partnershipName,
			used: !!row.participantId
		}
	};
}

export type UseLinkResult =
	| { ok: true; participantId: string; tableId: string | null }
	| { ok: false; reason: 'unknown-link' | 'meeting-closed' }
	| { ok: false; reason: 'invalid'; errors: IdentityErrors };

/**
 * Signs the invited person in as their participant, creating it on first use from the invitation's
 * name and partnership and asking only what is missing (sector, region; name or partnership when the
 * list had none). In an anonymous meeting nothing is asked.
 */
export async function usePersonalLink(
	db: Db,
	token: string,
	input: Record<string, unknown>
): Promise<UseLinkResult> {
	const found = await lookUpPersonalLink(db, token);
	if (!found.ok) return found;
	const invitation = (await first(db
		.select()
		.from(invitations)
		.where(eq(invitations.id, found.link.invitationId))))!;
	if (invitation.participantId) {
		const p = await first(db
			.select({ tableId: participants.tableId })
			.from(participants)
			.where(eq(participants.id, invitation.participantId)));
		if (p) return { ok: true, participantId: invitation.participantId, tableId: p.tableId };
	}
	let identity = null;
	if (!found.link.anonymous) {
		const resolved = await resolveIdentity(db, {
			...input,
			displayName: invitation.name ?? input.displayName,
			// The register link (by id) survives a renamed partnership; a free-text name stays "other".
			partnership: invitation.partnershipId ?? invitation.partnershipName ?? input.partnership,
			partnershipOther: invitation.partnershipId
				? false
				: invitation.partnershipName
					? true
					: input.partnershipOther
		});
		if (!resolved.ok) return { ok: false, reason: 'invalid', errors: resolved.errors };
		identity = resolved.identity;
	}
	return transaction(db, async (tx) => {
		const txDb = tx;
		const created = await addParticipant(txDb, invitation.meetingId, identity, invitation.id);
		await tx.update(invitations)
			.set({ participantId: created.participantId })
			.where(eq(invitations.id, invitation.id));
		return { ok: true as const, ...created };
	}, { lock: invitation.meetingId });
}
