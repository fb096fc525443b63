import type { Db } from '../db/client.ts';
import type { Actor } from '../auth/session.ts';
import { loadMeetingFacts } from '../access/facts.ts';
import { canManageMeeting } from '../access/policies.ts';
import { checkProjectorToken } from './projector-token.ts';

export type PresentAccess =
	| { ok: true; viaToken: boolean; projectorToken: string | null }
	| { ok: false; reason: 'not-found' | 'not-allowed' };

/**
 * Who may see a projector view of a meeting: its facilitators (and admins) in their own browser, or
 * whoever holds its projector link. The views are read-only, so this is the only check they need.
 */
export async function checkPresentAccess(db: Db, actor: Actor | null, meetingId: string, token: string | null): Promise<PresentAccess> {
	const facts = await loadMeetingFacts(db, meetingId);
	if (!facts) return { ok: false, reason: 'not-found' };
	if ((await checkProjectorToken(db, meetingId, token))) return { ok: true, viaToken: true, projectorToken: token };
	if (canManageMeeting(actor, facts)) return { ok: true, viaToken: false, projectorToken: null };
	return { ok: false, reason: 'not-allowed' };
}

/** The link on the projector's own navigation keeps the token; a facilitator's view needs none. */
export function presentQuery(access: { projectorToken: string | null }): string {
	return access.projectorToken ? `?token=${encodeURIComponent(access.projectorToken)}` : '';
}
