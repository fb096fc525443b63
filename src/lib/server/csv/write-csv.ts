import Papa from 'papaparse';
import { safeRow, type Cell } from './formula.ts';

// Dutch Excel splits CSV on `;` (the list separator of the nl locale) and reads UTF-8 only with a BOM.
const BOM = '\uFEFF';

/** A formula-safe CSV document (`;`-separated, CRLF, UTF-8 with BOM) that Dutch Excel opens as is. */
export function writeCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
	return (
		BOM +
		Papa.unparse([safeRow(header), ...rows.map(safeRow)], {
			delimiter: ';',
			newline: '\r\n',
			quotes: false
		})
	);
}

/** A Content-Disposition value with an ASCII fallback and the exact UTF-8 name (RFC 6266). */
export function attachment(filename: string): string {
	const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
