import { beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, joinAs } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { meetings, pollQuestions, pollResponses } from '../../src/lib/server/db/schema.ts';
import {
	buildResponsesTable,
	type ExportLabels
} from '../../src/lib/server/exports/responses-table.ts';
import { writeXlsx } from '../../src/lib/server/exports/write-xlsx.ts';
import { writeCsv } from '../../src/lib/server/csv/write-csv.ts';
import { newId } from '../../src/lib/server/ids.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

const LABELS: ExportLabels = {
	participant: 'Deelnemer',
	name: 'Naam',
	partnership: 'Partnerschap',
	sector: 'Sector',
	region: 'Regio',
	explanation: (p) => `${p} — toelichting`
};
const OPTIONS = [
	{ id: 'a', label: 'Governance' },
	{ id: 'b', label: 'Financiën' },
	{ id: 'c', label: 'Kwaliteit' }
];

async function meetingWithAnswers(anonymous: boolean) {
	const { meetingId, joinCode } = await facilitatorWithMeeting(db);
	const q = async (
		key: string,
		position: string,
		type: 'single' | 'multiple' | 'ranking' | 'scale' | 'text',
		extra = {}
	) => {
		const id = newId();
		await db.insert(pollQuestions)
			.values({
				id,
				meetingId,
				key,
				position,
				type,
				prompt: `Vraag ${key}`,
				options: OPTIONS,
				updatedAt: 1,
				...extra
			});
		return id;
	};
	const single = await q('single', 'a0', 'single', { allowExplanation: true });
	const ranking = await q('ranking', 'a1', 'ranking');
	const scale = await q('scale', 'a2', 'scale');
	const text = await q('text', 'a3', 'text');
	const multiple = await q('multiple', 'a4', 'multiple');
	const anna = (await joinAs(db, joinCode, 'Anna de Vries')).participantId;
	const bram = (await joinAs(db, joinCode, '=HYPERLINK("http://evil")')).participantId;
	await joinAs(db, joinCode, 'Cor zonder antwoorden');
	if (anonymous)
		await db.update(meetings).set({ anonymous: true }).where(eq(meetings.id, meetingId));
	const answer = async (
		participantId: string,
		questionId: string,
		value: string[] | number | string,
		explanation: string | null = null
	) =>
		await db
			.insert(pollResponses)
			.values({
				id: newId(),
				meetingId,
				questionId,
				participantId,
				value,
				explanation,
				updatedAt: 1
			});
	await answer(anna, single, ['b'], 'Geld is krap');
	await answer(anna, ranking, ['c', 'a']);
	await answer(anna, scale, 4);
	await answer(anna, text, '-min of meer');
	await answer(anna, multiple, ['a', 'c']);
	await answer(bram, single, ['a'], '@regie');
	return { meetingId, anonymous };
}

describe('response exports', () => {
	it('in a named meeting: participant columns, labels, rankings, scales and explanations', async () => {
		const meeting = await meetingWithAnswers(false);
		const table = await buildResponsesTable(db, { id: meeting.meetingId, anonymous: false }, LABELS);
		expect(table.header).toEqual([
			'Naam',
			'Partnerschap',
			'Sector',
			'Regio',
			'Vraag single',
			'Vraag single — toelichting',
			'Vraag ranking',
			'Vraag scale',
			'Vraag text',
			'Vraag multiple'
		]);
		expect(table.rows).toEqual([
			[
				'Anna de Vries',
				'Partnerschap IJsselkracht',
				'po',
				'Onderwijsregio IJsseldelta',
				'Financiën',
				'Geld is krap',
				'1. Kwaliteit; 2. Governance',
				4,
				'-min of meer',
				'Governance; Kwaliteit'
			],
			[
				'=HYPERLINK("http://evil")',
				'Partnerschap IJsselkracht',
				'po',
				'Onderwijsregio IJsseldelta',
				'Governance',
				'@regie',
				'',
				'',
				'',
				''
			]
		]);
		// Written out, every cell a spreadsheet would run is neutralised.
		const csv = writeCsv(table.header, table.rows);
		expect(csv).toContain(`'=HYPERLINK(""http://evil"")`);
		expect(csv).toContain("'@regie");
		expect(csv).toContain("'-min of meer");
	});

	it('in an anonymous meeting: numbered rows and no name, partnership, sector or region', async () => {
		const meeting = await meetingWithAnswers(true);
		const table = await buildResponsesTable(db, { id: meeting.meetingId, anonymous: true }, LABELS);
		expect(table.header.slice(0, 2)).toEqual(['Deelnemer', 'Vraag single']);
		expect(table.rows.map((r) => r[0])).toEqual([1, 2]);
		const flat = JSON.stringify(table);
		for (const secret of ['Anna', 'HYPERLINK', 'IJsselkracht', 'IJsseldelta', '"po"'])
			expect(flat).not.toContain(secret);
	});

	it('writes an XLSX whose cells are text or numbers, never formulas', async () => {
		const meeting = await meetingWithAnswers(false);
		const table = await buildResponsesTable(db, { id: meeting.meetingId, anonymous: false }, LABELS);
		const bytes = await writeXlsx('Antwoorden', table.header, table.rows);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
		const sheet = book.getWorksheet('Antwoorden')!;
		expect(sheet.getCell('A1').value).toBe('Naam');
		expect(sheet.getCell('A3').value).toBe(`'=HYPERLINK("http://evil")`);
		expect(sheet.getCell('H2').value).toBe(4);
		let formulas = 0;
		sheet.eachRow((row) =>
			row.eachCell((cell) => {
				if (cell.type === ExcelJS.ValueType.Formula) formulas++;
			})
		);
		expect(formulas).toBe(0);
	});
});
