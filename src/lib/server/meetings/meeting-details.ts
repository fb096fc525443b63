import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { meetings, participants, series } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { LIMITS } from '../../realtime/limits.ts';
import { amsterdamToUtc } from './amsterdam-time.ts';
import { fieldErrors, loadManageableMeeting, logManagement } from './manage-access.ts';

export const DETAIL_LIMITS = { placeMax: 200, introductionMax: 10_000 } as const;

const optionalText = (max: number, code: string) =>
	v.pipe(v.optional(v.string(), ''), v.trim(), v.maxLength(max, code));

/** What a facilitator types into the details form (all strings, as a form sends them). */
export const MeetingDetailsSchema = v.object({
	title: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.nonEmpty('title-required'),
		v.maxLength(LIMITS.meetingTitleMax, 'title-too-long')
	),
	date: v.optional(v.string(), ''),
	time: v.optional(v.string(), ''),
	place: optionalText(DETAIL_LIMITS.placeMax, 'place-too-long'),
	seriesId: v.optional(v.string(), ''),
	introduction: optionalText(DETAIL_LIMITS.introductionMax, 'introduction-too-long'),
	anonymous: v.optional(v.boolean(), false)
});
export type MeetingDetailsInput = v.InferInput<typeof MeetingDetailsSchema>;

export interface MeetingDetails {
	title: string;
	startsAt: number | null;
	place: string | null;
	seriesId: string | null;
	introduction: string | null;
	anonymous: boolean;
}

export type DetailsParse =
	{ ok: true; details: MeetingDetails } | { ok: false; errors: Record<string, string> };

/** Validates the details; the date and time are read on an Amsterdam clock. */
export function parseMeetingDetails(db: Db, input: unknown): DetailsParse {
	const parsed = v.safeParse(MeetingDetailsSchema, input);
	if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.issues) };
	const o = parsed.output;
	let startsAt: number | null = null;
	if (o.date || o.time) {
		if (!o.date) return { ok: false, errors: { date: 'date-required' } };
		startsAt = amsterdamToUtc(o.date, o.time || '00:00');
		if (startsAt === null) return { ok: false, errors: { time: 'time-invalid' } };
	}
	const seriesId = o.seriesId || null;
	if (seriesId && !db.select({ id: series.id }).from(series).where(eq(series.id, seriesId)).get()) {
		return { ok: false, errors: { seriesId: 'series-unknown' } };
	}
	return {
		ok: true,
		details: {
			title: o.title,
			startsAt,
			place: o.place || null,
			seriesId,
			introduction: o.introduction || null,
			anonymous: o.anonymous
		}
	};
}

export type UpdateDetailsResult =
	| { ok: true }
	| { ok: false; reason: 'not-found' | 'not-allowed' | 'meeting-not-editable' | 'anonymity-locked' }
	| { ok: false; reason: 'invalid'; errors: Record<string, string> };

/** Edits the details while the meeting is draft, open or live. */
export function updateMeetingDetails(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	input: unknown,
	now: number
): UpdateDetailsResult {
	const access = loadManageableMeeting(db, actor, meetingId, { editing: true });
	if (!access.ok) return access;
	if (!actor) return { ok: false, reason: 'not-allowed' };
	const parsed = parseMeetingDetails(db, input);
	if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors };
	const details = parsed.details;
	// Whoever joined was promised anonymity (or told names would show): that promise cannot change.
	if (details.anonymous !== access.meeting.anonymous) {
		const joined = db
			.select({ id: participants.id })
			.from(participants)
			.where(eq(participants.meetingId, meetingId))
			.get();
		if (joined) return { ok: false, reason: 'anonymity-locked' };
	}
	db.transaction((tx) => {
		tx.update(meetings).set(details).where(eq(meetings.id, meetingId)).run();
		logManagement(tx as unknown as Db, {
			actor,
			meetingId,
			type: 'meeting.details',
			payload: details,
			at: now
		});
	});
	return { ok: true };
}
