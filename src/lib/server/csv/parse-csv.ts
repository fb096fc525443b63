import Papa from 'papaparse';

// Uploaded lists (register, invitations) are small CSV files written by Excel (`;` in the Dutch
// locale, often with a BOM) or by hand (`,`). Parsing never throws: problems come back per row.

export const CSV_LIMITS = { bytesMax: 1024 * 1024, rowsMax: 2000 } as const;

export interface CsvRow {
	/** The line number a person sees in their spreadsheet (the header is line 1). */
	line: number;
	values: Record<string, string>;
}

export type CsvParseResult =
	| { ok: true; rows: CsvRow[] }
	| { ok: false; reason: 'csv-empty' | 'csv-too-large' | 'csv-too-many-rows' }
	| { ok: false; reason: 'csv-missing-columns'; missing: string[] };

/** Header names compared loosely: case, spaces and accents do not matter ("E-mail" = "email"). */
export function normaliseHeader(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/**
 * Parses CSV text with a header row. `columns` maps each wanted field to the header names accepted for
 * it (Dutch and English); fields listed in `required` must have a column.
 */
export function parseCsv(
	text: string,
	columns: Record<string, readonly string[]>,
	required: readonly string[]
): CsvParseResult {
	if (text.length > CSV_LIMITS.bytesMax) return { ok: false, reason: 'csv-too-large' };
	const body = text.replace(/^\uFEFF/, '');
	if (!body.trim()) return { ok: false, reason: 'csv-empty' };
	const firstLine = body.split(/\r?\n/, 1)[0];
	// The header decides: Excel-nl writes `;`, most other tools `,`, some exports a tab.
	const delimiter = [';', ',', '\t'].sort((a, b) => count(firstLine, b) - count(firstLine, a))[0];
	const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: 'greedy' });
	const [header, ...data] = parsed.data;
	if (!header) return { ok: false, reason: 'csv-empty' };
	if (data.length > CSV_LIMITS.rowsMax) return { ok: false, reason: 'csv-too-many-rows' };
	const index = new Map<string, number>();
	header.forEach((name, i) => {
		const key = normaliseHeader(name);
		for (const [field, aliases] of Object.entries(columns)) {
			if (!index.has(field) && aliases.some((a) => normaliseHeader(a) === key)) index.set(field, i);
		}
	});
	const missing = required.filter((field) => !index.has(field));
	if (missing.length > 0) return { ok: false, reason: 'csv-missing-columns', missing };
	const rows: CsvRow[] = data.map((cells, i) => ({
		line: i + 2,
		values: Object.fromEntries(
			Object.keys(columns).map((field) => {
				const at = index.get(field);
				return [field, at === undefined ? '' : (cells[at] ?? '').trim()];
			})
		)
	}));
	return { ok: true, rows };
}

function count(line: string, char: string): number {
	return line.split(char).length - 1;
}
