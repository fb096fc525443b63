import { mapInOrder } from '../in-order.ts';
import { first } from '../db/query.ts';
import { transaction } from '../db/transaction.ts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
	partnershipRegions,
	partnershipSectors,
	partnerships,
	regions,
	SECTORS,
	type Sector
} from '../db/schema.ts';
import { newId } from '../ids.ts';
import { parseCsv, type CsvParseResult } from '../csv/parse-csv.ts';
import { REGISTER_NAME_MAX } from './manage-register.ts';

// Register import from CSV: columns name, sectors ("po,vo") and regions ("Regio A|Regio B").
// Decisions: a region that is not in the register yet is created (the CSV is the admin's own
// source); a partnership whose name exists is updated (its sectors and regions replaced), so the same
// file can be imported again. Valid rows are applied together in one transaction; invalid rows are
// skipped and reported with their line number. Nothing is applied when the file itself is unusable.

export const REGISTER_COLUMNS = {
	name: ['name', 'naam', 'partnerschap', 'partnership'],
	sectors: ['sectors', 'sectoren', 'sector'],
	regions: ['regions', 'regio', "regio's", 'regios', 'onderwijsregio', 'onderwijsregios', 'region']
} as const;

export interface RowError {
	line: number;
	/** What identifies the row to a person (its name, or empty). */
	label: string;
	code: string;
}

export interface ImportSummary {
	created: number;
	updated: number;
	regionsCreated: string[];
	skipped: number;
}

export type ImportResult =
	{ ok: true; errors: RowError[]; summary: ImportSummary } | Exclude<CsvParseResult, { ok: true }>;

interface ValidRow {
	name: string;
	sectors: Sector[];
	regions: string[];
}

function splitList(value: string, separators: RegExp): string[] {
	return value
		.split(separators)
		.map((s) => s.trim())
		.filter(Boolean);
}

function validateRow(values: Record<string, string>): ValidRow | string {
	const name = values.name;
	if (!name) return 'register-name-required';
	if (name.length > REGISTER_NAME_MAX) return 'register-name-too-long';
	const sectors = splitList(values.sectors.toLowerCase(), /[,;|/ ]+/);
	if (sectors.length === 0) return 'register-sectors-required';
	if (!sectors.every((s): s is Sector => (SECTORS as readonly string[]).includes(s)))
		return 'register-sector-unknown';
	const regionNames = splitList(values.regions, /\|/);
	if (regionNames.length === 0) return 'register-regions-required';
	if (regionNames.some((r) => r.length > REGISTER_NAME_MAX)) return 'register-name-too-long';
	return { name, sectors: [...new Set(sectors)], regions: regionNames };
}

export async function importRegisterCsv(db: Db, text: string): Promise<ImportResult> {
	const parsed = parseCsv(text, REGISTER_COLUMNS, ['name', 'sectors', 'regions']);
	if (!parsed.ok) return parsed;
	const errors: RowError[] = [];
	const valid: ValidRow[] = [];
	const seen = new Set<string>();
	for (const row of parsed.rows) {
		const checked = validateRow(row.values);
		const label = row.values.name ?? '';
		if (typeof checked === 'string') errors.push({ line: row.line, label, code: checked });
		else if (seen.has(checked.name.toLowerCase()))
			errors.push({ line: row.line, label, code: 'register-duplicate-row' });
		else {
			seen.add(checked.name.toLowerCase());
			valid.push(checked);
		}
	}
	const summary: ImportSummary = {
		created: 0,
		updated: 0,
		regionsCreated: [],
		skipped: errors.length
	};
	await transaction(db, async (tx) => {
		const regionIds = new Map(
			(await tx
				.select()
				.from(regions))
				.map((r) => [r.name.toLowerCase(), r.id])
		);
		for (const row of valid) {
			const ids = await mapInOrder(row.regions, async (name) => {
				let id = regionIds.get(name.toLowerCase());
				if (!id) {
					id = newId();
					await tx.insert(regions).values({ id, name });
					regionIds.set(name.toLowerCase(), id);
					summary.regionsCreated.push(name);
				}
				return id;
			});
			const existing = await first(tx
				.select({ id: partnerships.id })
				.from(partnerships)
				.where(sql`lower(${partnerships.name}) = lower(${row.name})`));
			const partnershipId = existing?.id ?? newId();
			if (existing) {
				await tx.delete(partnershipSectors)
					.where(sql`${partnershipSectors.partnershipId} = ${partnershipId}`);
				await tx.delete(partnershipRegions)
					.where(sql`${partnershipRegions.partnershipId} = ${partnershipId}`);
				summary.updated++;
			} else {
				await tx.insert(partnerships).values({ id: partnershipId, name: row.name });
				summary.created++;
			}
			for (const sector of row.sectors)
				await tx.insert(partnershipSectors).values({ partnershipId, sector });
			for (const regionId of new Set(ids))
				await tx.insert(partnershipRegions).values({ partnershipId, regionId });
		}
	});
	return { ok: true, errors, summary };
}
