import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { invitations, pollResponses } from '../db/schema.ts';

export type InvitationStatus = 'not-used' | 'joined' | 'answered';

export interface InvitationEntry {
	id: string;
	name: string | null;
	email: string;
	partnership: string | null;
	/** Null in an anonymous meeting: who has answered is not shown there. */
	status: InvitationStatus | null;
	answers: number | null;
}

/** The invitations of a meeting with who has answered (named meetings only). */
export async function listInvitations(db: Db, meetingId: string, anonymous: boolean): Promise<InvitationEntry[]> {
	const rows = await db
		.select()
		.from(invitations)
		.where(eq(invitations.meetingId, meetingId))
		.orderBy(asc(invitations.name), asc(invitations.email));
	const participantIds = rows.map((r) => r.participantId).filter((id): id is string => !!id);
	const answers = new Map(
		anonymous || participantIds.length === 0
			? []
			: (await db
					.select({ participantId: pollResponses.participantId, n: count() })
					.from(pollResponses)
					.where(inArray(pollResponses.participantId, participantIds))
					.groupBy(pollResponses.participantId))
					.map((r) => [r.participantId, r.n])
	);
	return rows.map((r) => {
		const n = r.participantId ? (answers.get(r.participantId) ?? 0) : 0;
		return {
			id: r.id,
			name: r.name,
			email: r.email ?? '',
			partnership: r.partnershipName,
			status: anonymous ? null : !r.participantId ? 'not-used' : n > 0 ? 'answered' : 'joined',
			answers: anonymous ? null : n
		};
	});
}
