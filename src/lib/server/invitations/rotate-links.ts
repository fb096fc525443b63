import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { invitations } from '../db/schema.ts';
import type { CreatedInvitation } from './upload-invitations.ts';
import { newInvitationToken } from './tokens.ts';

/**
 * Gives invitations new tokens and returns them with their links' secrets, once. The old links stop
 * working at once; a person who already used theirs keeps their participant (and this device's
 * session), and their new link signs in as that same participant. `invitationId` renews just one.
 */
export function rotateInvitationLinks(
	db: Db,
	meetingId: string,
	invitationId?: string
): CreatedInvitation[] {
	return db.transaction((tx) => {
		const rows = tx
			.select()
			.from(invitations)
			.where(
				invitationId
					? and(eq(invitations.meetingId, meetingId), eq(invitations.id, invitationId))
					: eq(invitations.meetingId, meetingId)
			)
			.orderBy(asc(invitations.createdAt), asc(invitations.id))
			.all();
		return rows.map((row) => {
			const { token, tokenHash } = newInvitationToken();
			tx.update(invitations).set({ tokenHash }).where(eq(invitations.id, row.id)).run();
			return {
				id: row.id,
				name: row.name,
				email: row.email ?? '',
				partnership: row.partnershipName,
				token
			};
		});
	});
}
