import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/server/csv/parse-csv.ts';
import { neutraliseFormula, safeRow } from '../../src/lib/server/csv/formula.ts';
import { attachment, writeCsv } from '../../src/lib/server/csv/write-csv.ts';

const COLUMNS = { name: ['name', 'naam'], email: ['email', 'e-mailadres'] } as const;

describe('parsing uploaded CSV', () => {
	it('reads Dutch Excel: semicolons, a BOM and CRLF line ends', () => {
		const result = parseCsv(
			'\uFEFFNaam;E-mailadres\r\nAnna de Vries;anna@example.nl\r\n',
			COLUMNS,
			['email']
		);
		expect(result).toEqual({
			ok: true,
			rows: [{ line: 2, values: { name: 'Anna de Vries', email: 'anna@example.nl' } }]
		});
	});

	it('reads commas and quoted cells that contain the delimiter', () => {
		const result = parseCsv('email,name\n"b@example.nl","Jansen, Bram"\n', COLUMNS, ['email']);
		expect(result.ok && result.rows[0].values).toEqual({
			name: 'Jansen, Bram',
			email: 'b@example.nl'
		});
	});

	it('numbers rows as a spreadsheet shows them, skipping blank lines', () => {
		const result = parseCsv('name;email\nA;a@x.nl\n\nB;b@x.nl\n', COLUMNS, ['email']);
		expect(result.ok && result.rows.map((r) => r.line)).toEqual([2, 3]);
	});

	it('names missing columns, and refuses an empty file', () => {
		expect(parseCsv('naam;telefoon\nA;06\n', COLUMNS, ['email'])).toEqual({
			ok: false,
			reason: 'csv-missing-columns',
			missing: ['email']
		});
		expect(parseCsv('\uFEFF  \n', COLUMNS, ['email'])).toEqual({ ok: false, reason: 'csv-empty' });
	});

	it('gives short rows empty cells instead of failing', () => {
		const result = parseCsv('name;email\nAlleen naam\n', COLUMNS, ['email']);
		expect(result.ok && result.rows[0].values).toEqual({ name: 'Alleen naam', email: '' });
	});
});

describe('formula neutralisation', () => {
	it('prefixes every cell that a spreadsheet would run', () => {
		for (const start of ['=', '+', '-', '@', '\t', '\r']) {
			expect(neutraliseFormula(`${start}HYPERLINK("http://evil")`)).toBe(
				`'${start}HYPERLINK("http://evil")`
			);
		}
	});

	it('leaves ordinary text and numbers alone', () => {
		expect(neutraliseFormula('Anna = voorzitter')).toBe('Anna = voorzitter');
		expect(safeRow(['tekst', 3, null, '=1+1'])).toEqual(['tekst', 3, '', "'=1+1"]);
	});

	it('applies to every written cell, header included', () => {
		const csv = writeCsv(['=kop'], [['@SUM(A1)'], ['-2+3'], ['veilig']]);
		expect(csv).toBe("\uFEFF'=kop\r\n'@SUM(A1)\r\n'-2+3\r\nveilig");
	});

	it('quotes cells with the delimiter, quotes or line breaks', () => {
		expect(writeCsv(['a', 'b'], [['x;y', 'zei "ja"\nen']])).toBe(
			'\uFEFFa;b\r\n"x;y";"zei ""ja""\nen"'
		);
	});

	it('gives a download a safe file name', () => {
		expect(attachment('antwoorden-opdenksessie é.csv')).toBe(
			`attachment; filename="antwoorden-opdenksessie _.csv"; filename*=UTF-8''antwoorden-opdenksessie%20%C3%A9.csv`
		);
	});
});
