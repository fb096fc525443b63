import { changedRows } from '../db/query.ts';
import { first } from '../db/query.ts';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { meetingFacilitators, users } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { findUserByEmail, isEmail, normalizeEmail } from '../users/users.ts';
import { runManagement } from './management-scope.ts';
import type { CommandOutcome } from '../commands/frame.ts';
import { refuse, type Refusal } from '../commands/refusals.ts';

export async function listCoFacilitators(db: Db, meetingId: string) {
	return await db
		.select({ id: users.id, name: users.name, email: users.email })
		.from(meetingFacilitators)
		.innerJoin(users, eq(users.id, meetingFacilitators.userId))
		.where(eq(meetingFacilitators.meetingId, meetingId))
		.orderBy(asc(users.name));
}

export type CoFacilitatorResult =
	| { ok: true; userId: string }
	| Refusal
	| { ok: false; reason: 'email-required' | 'email-invalid' | 'unknown-account' };

/** Adds a co-facilitator by the email address of an existing, active staff account. */
export async function addCoFacilitator(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	email: string,
	now: number
): Promise<CoFacilitatorResult> {
	const address = normalizeEmail(email);
	const user = address && isEmail(address) ? await findUserByEmail(db, address) : null;
	const outcome = await runManagement(db, actor, meetingId, now, {
		type: 'meeting.facilitator.add',
		payload: { userId: user?.id ?? null },
		async run(tx, meeting) {
			if (!address) return refuse('invalid', { email: 'email-required' });
			if (!isEmail(address)) return refuse('invalid', { email: 'email-invalid' });
			// A disabled account counts as unknown: it cannot sign in, so adding it would promise access it lacks.
			if (!user || user.disabled) return refuse('invalid', { email: 'unknown-account' });
			const already =
				user.id === meeting.createdBy ||
				(await first(tx
					.select()
					.from(meetingFacilitators)
					.where(and(eq(meetingFacilitators.meetingId, meetingId), eq(meetingFacilitators.userId, user.id)))));
			if (already) return refuse('already-facilitator');
			await tx.insert(meetingFacilitators).values({ meetingId, userId: user.id });
			return { ok: true, result: { userId: user.id } };
		}
	});
	return emailOutcome(outcome);
}

export async function removeCoFacilitator(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	userId: string,
	now: number
): Promise<CoFacilitatorResult> {
	const outcome = await runManagement(db, actor, meetingId, now, {
		type: 'meeting.facilitator.remove',
		payload: { userId },
		async run(tx) {
			const r = await tx
				.delete(meetingFacilitators)
				.where(and(eq(meetingFacilitators.meetingId, meetingId), eq(meetingFacilitators.userId, userId)));
			if (changedRows(r) === 0) return refuse('invalid', { userId: 'unknown-account' });
			return { ok: true, result: { userId } };
		}
	});
	return emailOutcome(outcome);
}

/** The address's own codes stay this module's reasons (what the form shows beside the field). */
function emailOutcome(outcome: CommandOutcome<{ userId: string }>): CoFacilitatorResult {
	if (outcome.ok) return { ok: true, userId: outcome.result.userId };
	const code = outcome.reason === 'invalid' ? Object.values(outcome.errors ?? {})[0] : null;
	if (code === 'email-required' || code === 'email-invalid' || code === 'unknown-account') {
		return { ok: false, reason: code };
	}
	return outcome;
}
