import { desc, eq, inArray } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { series } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { canCreateMeeting } from '../access/policies.ts';
import { listMeetingsFor } from '../meetings/queries.ts';
import { fieldErrors } from '../meetings/manage-access.ts';
import { newId } from '../ids.ts';

export const SERIES_LIMITS = { titleMax: 200, descriptionMax: 2000 } as const;

export const SeriesSchema = v.object({
	title: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.nonEmpty('title-required'),
		v.maxLength(SERIES_LIMITS.titleMax, 'title-too-long')
	),
	description: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.maxLength(SERIES_LIMITS.descriptionMax, 'series-description-too-long')
	)
});

export type Series = typeof series.$inferSelect;

/** Admins manage every series; a facilitator the series they created. */
export function canManageSeries(actor: Actor | null, row: Pick<Series, 'createdBy'>): boolean {
	if (actor?.kind !== 'user') return false;
	return (
		actor.user.role === 'admin' ||
		(actor.user.role === 'facilitator' && row.createdBy === actor.user.id)
	);
}

/** Admins see all series; a facilitator those they made or that hold a meeting they manage. */
export function listSeriesFor(db: Db, actor: Actor | null): Series[] {
	if (actor?.kind !== 'user') return [];
	const all = db.select().from(series).orderBy(desc(series.createdAt)).all();
	if (actor.user.role === 'admin') return all;
	const viaMeetings = new Set(
		listMeetingsFor(db, actor.user)
			.map((m) => m.seriesId)
			.filter(Boolean)
	);
	return all.filter((s) => s.createdBy === actor.user.id || viaMeetings.has(s.id));
}

export function getSeries(db: Db, seriesId: string): Series | null {
	return db.select().from(series).where(eq(series.id, seriesId)).get() ?? null;
}

export function getSeriesTitles(db: Db, ids: string[]): Map<string, string> {
	if (!ids.length) return new Map();
	return new Map(
		db
			.select({ id: series.id, title: series.title })
			.from(series)
			.where(inArray(series.id, ids))
			.all()
			.map((s) => [s.id, s.title])
	);
}

export type SeriesResult =
	| { ok: true; seriesId: string }
	| { ok: false; reason: 'not-found' | 'not-allowed' }
	| { ok: false; reason: 'invalid'; errors: Record<string, string> };

/** Creates a series, or (with `seriesId`) edits one this actor manages. */
export function saveSeries(
	db: Db,
	actor: Actor | null,
	seriesId: string | null,
	input: unknown
): SeriesResult {
	if (actor?.kind !== 'user' || !canCreateMeeting(actor))
		return { ok: false, reason: 'not-allowed' };
	if (seriesId) {
		const row = getSeries(db, seriesId);
		if (!row) return { ok: false, reason: 'not-found' };
		if (!canManageSeries(actor, row)) return { ok: false, reason: 'not-allowed' };
	}
	const parsed = v.safeParse(SeriesSchema, input);
	if (!parsed.success) return { ok: false, reason: 'invalid', errors: fieldErrors(parsed.issues) };
	const values = { title: parsed.output.title, description: parsed.output.description || null };
	if (seriesId) {
		db.update(series).set(values).where(eq(series.id, seriesId)).run();
		return { ok: true, seriesId };
	}
	const id = newId();
	db.insert(series)
		.values({ ...values, id, createdBy: actor.user.id })
		.run();
	return { ok: true, seriesId: id };
}

/** Archives (or, with `archived: false`, restores) a series; its meetings stay as they are. */
export function setSeriesArchived(
	db: Db,
	actor: Actor | null,
	seriesId: string,
	archived: boolean,
	now: number
): SeriesResult {
	const row = getSeries(db, seriesId);
	if (!row) return { ok: false, reason: 'not-found' };
	if (!canManageSeries(actor, row)) return { ok: false, reason: 'not-allowed' };
	db.update(series)
		.set({ archivedAt: archived ? now : null })
		.where(eq(series.id, seriesId))
		.run();
	return { ok: true, seriesId };
}
