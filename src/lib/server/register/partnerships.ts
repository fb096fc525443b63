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
export function listPartnerships(db: Db): PartnershipEntry[] {
	const rows = db.select().from(partnerships).orderBy(asc(partnerships.name)).all();
	const sectors = db.select().from(partnershipSectors).all();
	const regionRows = db
		.select({ partnershipId: partnershipRegions.partnershipId, name: regions.name })
		.from(partnershipRegions)
		.innerJoin(regions, eq(regions.id, partnershipRegions.regionId))
		.all();
	return rows.map((p) => ({
		id: p.id,
		name: p.name,
		sectors: sectors.filter((s) => s.partnershipId === p.id).map((s) => s.sector),
		regions: regionRows.filter((r) => r.partnershipId === p.id).map((r) => r.name)
	}));
}

/** Finds a partnership by id or by its exact name (case-insensitive), as typed in a search field. */
export function findPartnership(db: Db, idOrName: string): { id: string; name: string } | null {
	const value = idOrName.trim();
	if (!value) return null;
	return (
		db.select().from(partnerships).where(eq(partnerships.id, value)).get() ??
		db
			.select()
			.from(partnerships)
			.where(sql`lower(${partnerships.name}) = lower(${value})`)
			.get() ??
		null
	);
}
