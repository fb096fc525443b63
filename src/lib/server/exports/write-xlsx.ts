import ExcelJS from 'exceljs';
import { safeRow, type Cell } from '../csv/formula.ts';

/** An XLSX workbook of one sheet; every text cell is formula-safe and stored as text, never a formula. */
export async function writeXlsx(
	sheetName: string,
	header: readonly string[],
	rows: ReadonlyArray<readonly Cell[]>
): Promise<Uint8Array<ArrayBuffer>> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Denktafel';
	const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || 'Sheet1', {
		views: [{ state: 'frozen', ySplit: 1 }]
	});
	sheet.addRow(safeRow(header)).font = { bold: true };
	for (const row of rows) sheet.addRow(safeRow(row));
	sheet.columns.forEach((column) => {
		column.width = 24;
		column.alignment = { wrapText: true, vertical: 'top' };
	});
	// A copy in a plain ArrayBuffer: what a Response body and the tests expect.
	return new Uint8Array((await workbook.xlsx.writeBuffer()) as unknown as ArrayLike<number>);
}

/** A file name from a meeting title: lowercase ASCII words joined by dashes. */
export function fileSlug(title: string): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return slug || 'opdenksessie';
}
