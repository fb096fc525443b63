import { first } from '../db/query.ts';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { partnershipRegions, regions, SECTORS, type Sector } from '../db/schema.ts';
import { LIMITS } from '../../realtime/limits.ts';
import { hasVisibleText } from '../../realtime/visible-text.ts';
import { findPartnership } from './partnerships.ts';

// How a program leader identifies in a named meeting: name, a partnership from the register or typed
// as "other", a sector and (optionally) a region. Shared by the join form and the personal link.

export const PARTNERSHIP_OTHER_MAX = 120;

export const IdentitySchema = v.object({
	displayName: v.pipe(
		v.string('name-required'),
		v.trim(),
		v.nonEmpty('name-required'),
		// A name of invisible characters would make a participant nameless in a named meeting.
		v.check(hasVisibleText, 'name-required'),
		v.maxLength(LIMITS.displayNameMax, 'name-too-long')
	),
	partnership: v.pipe(
		v.string('partnership-required'),
		v.trim(),
		v.nonEmpty('partnership-required'),
		v.maxLength(PARTNERSHIP_OTHER_MAX, 'partnership-too-long')
	),
	/** Checked when the partnership is not in the register: the typed name is kept as free text. */
	partnershipOther: v.optional(v.boolean(), false),
	sector: v.picklist(SECTORS, 'sector-required'),
	region: v.optional(v.pipe(v.string(), v.trim()), '')
});

export type IdentityField = 'displayName' | 'partnership' | 'sector' | 'region';
export type IdentityErrors = Partial<Record<IdentityField, string>>;

export interface Identity {
	displayName: string;
	partnershipId: string | null;
	partnershipOther: string | null;
	sector: Sector;
	regionId: string | null;
}

export type IdentityResult =
	{ ok: true; identity: Identity } | { ok: false; errors: IdentityErrors };

/**
 * Validates what someone typed against the register. A name from the register links the partnership
 * (even with "other" ticked: the register wins); an unknown name needs "other". Without a region, a
 * partnership in exactly one region brings that region along.
 */
export async function resolveIdentity(db: Db, input: unknown): Promise<IdentityResult> {
	// A field left out entirely gets the same message as an empty one.
	const given =
		typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
	const filled = Object.fromEntries(
		['displayName', 'partnership', 'sector'].map((key) => [key, given[key] ?? ''])
	);
	const parsed = v.safeParse(IdentitySchema, { ...given, ...filled });
	if (!parsed.success) {
		const errors: IdentityErrors = {};
		for (const issue of parsed.issues) {
			const key = issue.path?.[0]?.key as IdentityField | 'partnershipOther' | undefined;
			if (key && key !== 'partnershipOther' && !errors[key]) errors[key] = issue.message;
		}
		return { ok: false, errors };
	}
	const { displayName, partnership, partnershipOther, sector, region } = parsed.output;
	const known = await findPartnership(db, partnership);
	if (!known && !partnershipOther)
		return { ok: false, errors: { partnership: 'partnership-unknown' } };
	let regionId: string | null = null;
	if (region) {
		regionId =
			(await first(db.select({ id: regions.id }).from(regions).where(eq(regions.id, region))))?.id ?? null;
		if (!regionId) return { ok: false, errors: { region: 'region-unknown' } };
	} else if (known) {
		const own = await db
			.select({ id: partnershipRegions.regionId })
			.from(partnershipRegions)
			.where(eq(partnershipRegions.partnershipId, known.id));
		if (own.length === 1) regionId = own[0].id;
	}
	return {
		ok: true,
		identity: {
			displayName,
			partnershipId: known?.id ?? null,
			partnershipOther: known ? null : partnership,
			sector,
			regionId
		}
	};
}

/** Form fields as the join and personal-link forms send them. */
export function identityFromForm(form: FormData) {
	return {
		displayName: String(form.get('displayName') ?? ''),
		partnership: String(form.get('partnership') ?? ''),
		partnershipOther: form.get('partnershipOther') === 'on',
		sector: form.get('sector') === null ? undefined : String(form.get('sector')),
		region: String(form.get('region') ?? '')
	};
}

export async function listRegionsForPicker(db: Db): Promise<Array<{ id: string; name: string }>> {
	return await db
		.select({ id: regions.id, name: regions.name })
		.from(regions)
		.orderBy(regions.name);
}
