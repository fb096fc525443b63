import { first } from '../db/query.ts';
import { and, eq, gt, inArray, max } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { commandLog, invitations, meetings, participants, pollResponses } from '../db/schema.ts';
import { runEffects } from '../commands/frame.ts';
import { deletionEffects } from './delete-meeting-personal-data.ts';
import { deletePersonalData } from './delete-personal-data.ts';

const DAY = 24 * 60 * 60 * 1000;

/**
 * A closed or archived meeting whose last activity (creation, start, last command, answer or join) is
 * more than `retentionDays` ago, and which holds personal data not yet deleted. There is no "closed
 * at" column: last activity is the honest stand-in.
 */
export async function expiredMeetings(db: Db, retentionDays: number, now: number): Promise<string[]> {
	const cutoff = now - retentionDays * DAY;
	const candidates = await db
		.select({
			id: meetings.id,
			createdAt: meetings.createdAt,
			startsAt: meetings.startsAt,
			deletedAt: meetings.personalDataDeletedAt
		})
		.from(meetings)
		.where(inArray(meetings.status, ['closed', 'archived']));
	const expired: string[] = [];
	for (const m of candidates) {
		const last = Math.max(
			m.createdAt,
			m.startsAt ?? 0,
			latest(
				await first(db
					.select({ at: max(commandLog.at) })
					.from(commandLog)
					.where(eq(commandLog.meetingId, m.id)))
			),
			latest(
				await first(db
					.select({ at: max(pollResponses.updatedAt) })
					.from(pollResponses)
					.where(eq(pollResponses.meetingId, m.id)))
			),
			latest(
				await first(db
					.select({ at: max(participants.createdAt) })
					.from(participants)
					.where(eq(participants.meetingId, m.id)))
			)
		);
		if (last < cutoff && (await hasPersonalData(db, m.id, m.deletedAt))) expired.push(m.id);
	}
	return expired;
}

function latest(row: { at: number | null } | undefined): number {
	return row?.at ?? 0;
}

async function hasPersonalData(db: Db, meetingId: string, deletedAt: number | null): Promise<boolean> {
	if (deletedAt === null) return true;
	// Deleted before, but people joined or were invited since.
	const since = async (t: typeof participants | typeof invitations) =>
		!!(await first(db
			.select({ id: t.id })
			.from(t)
			.where(and(eq(t.meetingId, meetingId), gt(t.createdAt, deletedAt)))));
	return (await since(participants)) || (await since(invitations));
}

/** Deletes the personal data of every expired meeting; returns their ids. `retentionDays` 0: never. */
export async function runRetention(db: Db, retentionDays: number, now = Date.now()): Promise<string[]> {
	if (retentionDays <= 0) return [];
	const done: string[] = [];
	for (const meetingId of (await expiredMeetings(db, retentionDays, now))) {
		const result = await deletePersonalData(db, meetingId, now);
		if (!result.ok) continue;
		// A system job, not a person's command: the same after-commit steps as the command's.
		runEffects(deletionEffects(meetingId, result));
		done.push(meetingId);
	}
	return done;
}

/**
 * Runs the retention clean-up now and then daily. Call once at start-up, after the hub is registered
 * (server/index.ts); returns a stop function for shutdown. Must not throw: a failure is logged.
 */
export async function scheduleRetention(
	db: Db,
	retentionDays: number,
	log: (message: string) => void = console.log
): Promise<() => void> {
	const run = async () => {
		try {
			const done = await runRetention(db, retentionDays);
			if (done.length) log(`[retention] personal data deleted for ${done.length} meeting(s)`);
		} catch (error) {
			console.error('[retention] clean-up failed', error);
		}
	};
	await run();
	const timer = setInterval(run, DAY);
	timer.unref();
	return () => clearInterval(timer);
}
