import { mapInOrder } from '../in-order.ts';
import { transaction } from '../db/transaction.ts';
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
export async function rotateInvitationLinks(
	db: Db,
	meetingId: string,
	invitationId?: string
): Promise<CreatedInvitation[]> {
	return transaction(db, async (tx) => {
		const rows = await tx
			.select()
			.from(invitations)
			.where(
				invitationId
					? and(eq(invitations.meetingId, meetingId), eq(invitations.id, invitationId))
					: eq(invitations.meetingId, meetingId)
			)
			.orderBy(asc(invitations.createdAt), asc(invitations.id));
		return await mapInOrder(rows, async (row) => {
			const { token, tokenHash } = newInvitationToken();
			await tx.update(invitations).set({ tokenHash }).where(eq(invitations.id, row.id));
			return {
				id: row.id,
				name: row.name,
				email: row.email ?? '',
				partnership: row.partnershipName,
				token
			};
		});
	}, { lock: meetingId });
}
