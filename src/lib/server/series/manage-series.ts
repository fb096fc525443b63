import { first } from '../db/query.ts';
import { desc, eq, inArray } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { series } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { listMeetingsFor } from '../meetings/queries.ts';
import { fieldErrors } from '../meetings/manage-access.ts';
import { runStaffCommand } from '../meetings/staff-scope.ts';
import type { CommandOutcome } from '../commands/frame.ts';
import { refuse, type Refusal } from '../commands/refusals.ts';
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
export async function listSeriesFor(db: Db, actor: Actor | null): Promise<Series[]> {
	if (actor?.kind !== 'user') return [];
	const all = await db.select().from(series).orderBy(desc(series.createdAt));
	if (actor.user.role === 'admin') return all;
	const viaMeetings = new Set(
		(await listMeetingsFor(db, actor.user))
			.map((m) => m.seriesId)
			.filter(Boolean)
	);
	return all.filter((s) => s.createdBy === actor.user.id || viaMeetings.has(s.id));
}

export async function getSeries(db: Db, seriesId: string): Promise<Series | null> {
	return (await first(db.select().from(series).where(eq(series.id, seriesId)))) ?? null;
}

export async function getSeriesTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
	if (!ids.length) return new Map();
	return new Map(
		(await db
			.select({ id: series.id, title: series.title })
			.from(series)
			.where(inArray(series.id, ids)))
			.map((s) => [s.id, s.title])
	);
}

export type SeriesResult = { ok: true; seriesId: string } | Refusal;

/** Creates a series, or (with `seriesId`) edits one this actor manages. */
export async function saveSeries(
	db: Db,
	actor: Actor | null,
	seriesId: string | null,
	input: unknown,
	now = Date.now()
): Promise<SeriesResult> {
	const parsed = v.safeParse(SeriesSchema, input);
	return seriesOutcome(
		await runStaffCommand(db, actor, now, {
			type: seriesId ? 'series.update' : 'series.create',
			payload: { seriesId },
			async run(tx, staff) {
				if (seriesId) {
					const row = await getSeries(tx, seriesId);
					if (!row) return refuse('not-found');
					if (!canManageSeries(staff, row)) return refuse('not-allowed');
				}
				if (!parsed.success) return refuse('invalid', fieldErrors(parsed.issues));
				const values = { title: parsed.output.title, description: parsed.output.description || null };
				if (seriesId) {
					await tx.update(series).set(values).where(eq(series.id, seriesId));
					return { ok: true, result: { seriesId } };
				}
				const id = newId();
				await tx.insert(series)
					.values({ ...values, id, createdBy: staff.user.id });
				return { ok: true, result: { seriesId: id } };
			}
		})
	);
}

/** Archives (or, with `archived: false`, restores) a series; its meetings stay as they are. */
export async function setSeriesArchived(
	db: Db,
	actor: Actor | null,
	seriesId: string,
	archived: boolean,
	now: number
): Promise<SeriesResult> {
	return seriesOutcome(
		await runStaffCommand(db, actor, now, {
			type: 'series.archive',
			payload: { seriesId, archived },
			async run(tx, staff) {
				const row = await getSeries(tx, seriesId);
				if (!row) return refuse('not-found');
				if (!canManageSeries(staff, row)) return refuse('not-allowed');
				await tx.update(series)
					.set({ archivedAt: archived ? now : null })
					.where(eq(series.id, seriesId));
				return { ok: true, result: { seriesId } };
			}
		})
	);
}

function seriesOutcome(outcome: CommandOutcome<{ seriesId: string }>): SeriesResult {
	return outcome.ok ? { ok: true, seriesId: outcome.result.seriesId } : outcome;
}
