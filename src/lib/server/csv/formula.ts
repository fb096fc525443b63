// Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection): a name
// like "=HYPERLINK(…)" in an export must stay text. A leading apostrophe makes Excel and LibreOffice
// show the text as typed.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises one exported cell: text that a spreadsheet would run gets a leading `'`. */
export function neutraliseFormula(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}

export type Cell = string | number | null | undefined;

/** Every cell of a row made safe; numbers stay numbers (a spreadsheet never runs them). */
export function safeRow(row: readonly Cell[]): Array<string | number> {
	return row.map((cell) =>
		typeof cell === 'number' ? cell : cell == null ? '' : neutraliseFormula(String(cell))
	);
}
