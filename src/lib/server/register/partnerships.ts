import { first } from '../db/query.ts';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { partnershipRegions, partnershipSectors, partnerships, regions, type Sector } from '../db/schema.ts';

export interface PartnershipEntry {
	id: string;
	name: string;
	sectors: Sector[];
	regions: string[];
}

/** The register as participants pick from it: every partnership with its sectors and regions. */
export async function listPartnerships(db: Db): Promise<PartnershipEntry[]> {
	const rows = await db.select().from(partnerships).orderBy(asc(partnerships.name));
	const sectors = await db.select().from(partnershipSectors);
	const regionRows = await db
		.select({ partnershipId: partnershipRegions.partnershipId, name: regions.name })
		.from(partnershipRegions)
		.innerJoin(regions, eq(regions.id, partnershipRegions.regionId));
	return rows.map((p) => ({
		id: p.id,
		name: p.name,
		sectors: sectors.filter((s) => s.partnershipId === p.id).map((s) => s.sector),
		regions: regionRows.filter((r) => r.partnershipId === p.id).map((r) => r.name)
	}));
}

/** Finds a partnership by id or by its exact name (case-insensitive), as typed in a search field. */
export async function findPartnership(db: Db, idOrName: string): Promise<{ id: string; name: string } | null> {
	const value = idOrName.trim();
	if (!value) return null;
	return (
		(await first(db.select().from(partnerships).where(eq(partnerships.id, value)))) ??
		(await first(db
			.select()
			.from(partnerships)
			.where(sql`lower(${partnerships.name}) = lower(${value})`))) ??
		null
	);
}
