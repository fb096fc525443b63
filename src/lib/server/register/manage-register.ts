import { changedRows } from '../db/query.ts';
import { first } from '../db/query.ts';
import { transaction } from '../db/transaction.ts';
import { and, count, eq, inArray, ne, sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import {
	participants,
	partnershipRegions,
	partnershipSectors,
	partnerships,
	regions,
	SECTORS
} from '../db/schema.ts';
import { newId } from '../ids.ts';

// Admin use cases on the register. Names are unique case-insensitively, so "Regio A" and "regio a"
// cannot both exist and imports match what people type.

export const REGISTER_NAME_MAX = 120;

const Name = v.pipe(
	v.string('register-name-required'),
	v.trim(),
	v.nonEmpty('register-name-required'),
	v.maxLength(REGISTER_NAME_MAX, 'register-name-too-long')
);

export const PartnershipSchema = v.object({
	name: Name,
	sectors: v.pipe(
		v.array(v.picklist(SECTORS, 'register-sector-unknown'), 'register-sectors-required'),
		v.minLength(1, 'register-sectors-required')
	),
	regionIds: v.pipe(
		v.array(v.string(), 'register-regions-required'),
		v.minLength(1, 'register-regions-required')
	)
});

export type RegisterErrors = Partial<Record<'name' | 'sectors' | 'regionIds', string>>;
export type SaveResult =
	| { ok: true; id: string }
	| { ok: false; reason: 'invalid'; errors: RegisterErrors }
	| { ok: false; reason: 'not-found' };

function issues(result: v.SafeParseResult<v.GenericSchema>): RegisterErrors {
	const errors: RegisterErrors = {};
	for (const issue of result.issues ?? []) {
		const key = issue.path?.[0]?.key as keyof RegisterErrors | undefined;
		if (key && !errors[key]) errors[key] = issue.message;
	}
	return errors;
}

async function nameTaken(
	db: Db,
	table: typeof partnerships | typeof regions,
	name: string,
	exceptId?: string
): Promise<boolean> {
	const same = sql`lower(${table.name}) = lower(${name})`;
	return !!(await first(db
		.select({ id: table.id })
		.from(table)
		.where(exceptId ? and(same, ne(table.id, exceptId)) : same)));
}

/** Adds (no id) or edits a partnership with its sectors and regions, in one transaction. */
export async function savePartnership(db: Db, input: unknown, id?: string): Promise<SaveResult> {
	const parsed = v.safeParse(PartnershipSchema, input);
	if (!parsed.success) return { ok: false, reason: 'invalid', errors: issues(parsed) };
	const { name, sectors, regionIds } = parsed.output;
	if (
		id &&
		!(await first(db.select({ id: partnerships.id }).from(partnerships).where(eq(partnerships.id, id))))
	) {
		return { ok: false, reason: 'not-found' };
	}
	if ((await nameTaken(db, partnerships, name, id)))
		return { ok: false, reason: 'invalid', errors: { name: 'register-name-taken' } };
	const unique = [...new Set(regionIds)];
	const known = await db
		.select({ id: regions.id })
		.from(regions)
		.where(inArray(regions.id, unique));
	if (known.length !== unique.length)
		return { ok: false, reason: 'invalid', errors: { regionIds: 'region-unknown' } };
	const partnershipId = id ?? newId();
	await transaction(db, async (tx) => {
		if (id) {
			await tx.update(partnerships).set({ name }).where(eq(partnerships.id, id));
			await tx.delete(partnershipSectors).where(eq(partnershipSectors.partnershipId, id));
			await tx.delete(partnershipRegions).where(eq(partnershipRegions.partnershipId, id));
		} else {
			await tx.insert(partnerships).values({ id: partnershipId, name });
		}
		for (const sector of new Set(sectors))
			await tx.insert(partnershipSectors).values({ partnershipId, sector });
		for (const regionId of unique)
			await tx.insert(partnershipRegions).values({ partnershipId, regionId });
	});
	return { ok: true, id: partnershipId };
}

/** Participants who chose it keep their answers; their partnership becomes empty (ON DELETE SET NULL). */
export async function deletePartnership(db: Db, id: string): Promise<boolean> {
	return changedRows(await db.delete(partnerships).where(eq(partnerships.id, id))) > 0;
}

export async function saveRegion(db: Db, input: unknown, id?: string): Promise<SaveResult> {
	const parsed = v.safeParse(v.object({ name: Name }), input);
	if (!parsed.success) return { ok: false, reason: 'invalid', errors: issues(parsed) };
	const { name } = parsed.output;
	if ((await nameTaken(db, regions, name, id)))
		return { ok: false, reason: 'invalid', errors: { name: 'register-name-taken' } };
	if (id) {
		const changed = changedRows(await db.update(regions).set({ name }).where(eq(regions.id, id)));
		return changed > 0 ? { ok: true, id } : { ok: false, reason: 'not-found' };
	}
	const regionId = newId();
	await db.insert(regions).values({ id: regionId, name });
	return { ok: true, id: regionId };
}

export type DeleteRegionResult =
	| { ok: true }
	| { ok: false; reason: 'not-found' }
	| { ok: false; reason: 'region-in-use'; participants: number };

/**
 * Deletes a region that no participant chose. participants.region_id has no ON DELETE action in the
 * database, and silently erasing the region of people who answered would change poll results by
 * region: so a region in use is refused with the number of participants, and the admin renames it
 * instead. Links to partnerships go with it (cascade).
 */
export async function deleteRegion(db: Db, id: string): Promise<DeleteRegionResult> {
	if (!(await first(db.select({ id: regions.id }).from(regions).where(eq(regions.id, id)))))
		return { ok: false, reason: 'not-found' };
	const inUse =
		(await first(db.select({ n: count() }).from(participants).where(eq(participants.regionId, id))))?.n ?? 0;
	if (inUse > 0) return { ok: false, reason: 'region-in-use', participants: inUse };
	await db.delete(regions).where(eq(regions.id, id));
	return { ok: true };
}

export interface RegionEntry {
	id: string;
	name: string;
	partnerships: number;
	participants: number;
}

export async function listRegions(db: Db): Promise<RegionEntry[]> {
	const rows = await db.select().from(regions).orderBy(regions.name);
	const links = await db
		.select({ regionId: partnershipRegions.regionId, n: count() })
		.from(partnershipRegions)
		.groupBy(partnershipRegions.regionId);
	const used = await db
		.select({ regionId: participants.regionId, n: count() })
		.from(participants)
		.groupBy(participants.regionId);
	return rows.map((r) => ({
		...r,
		partnerships: links.find((l) => l.regionId === r.id)?.n ?? 0,
		participants: used.find((u) => u.regionId === r.id)?.n ?? 0
	}));
}
