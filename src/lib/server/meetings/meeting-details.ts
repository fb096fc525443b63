import { first } from '../db/query.ts';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { meetings, participants, series } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { LIMITS } from '../../realtime/limits.ts';
import { amsterdamToUtc } from './amsterdam-time.ts';
import { fieldErrors } from './manage-access.ts';
import { runManagement } from './management-scope.ts';
import { refuse, type Refusal } from '../commands/refusals.ts';

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
export async function parseMeetingDetails(db: Db, input: unknown): Promise<DetailsParse> {
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
	if (seriesId && !(await first(db.select({ id: series.id }).from(series).where(eq(series.id, seriesId))))) {
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

export type UpdateDetailsResult = { ok: true } | Refusal;

/** Edits the details while the meeting is draft, open or live. */
export async function updateMeetingDetails(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	input: unknown,
	now: number
): Promise<UpdateDetailsResult> {
	const parsed = await parseMeetingDetails(db, input);
	const outcome = await runManagement(db, actor, meetingId, now, {
		type: 'meeting.details',
		editing: true,
		payload: parsed.ok ? parsed.details : {},
		async run(tx, meeting) {
			if (!parsed.ok) return refuse('invalid', parsed.errors);
			const details = parsed.details;
			// Whoever joined was promised anonymity (or told names would show): that promise cannot change.
			if (details.anonymous !== meeting.anonymous) {
				const joined = await first(tx
					.select({ id: participants.id })
					.from(participants)
					.where(eq(participants.meetingId, meetingId)));
				if (joined) return refuse('anonymity-locked');
			}
			await tx.update(meetings).set(details).where(eq(meetings.id, meetingId));
			return { ok: true, result: {} };
		}
	});
	return outcome.ok ? { ok: true } : outcome;
}
