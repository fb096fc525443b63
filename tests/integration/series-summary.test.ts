import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import mammoth from 'mammoth';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { eq } from 'drizzle-orm';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { facilitatorWithMeeting, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { cards, meetings, series } from '../../src/lib/server/db/schema.ts';
import { createUser } from '../../src/lib/server/users/users.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let db: Db;
let admin: string;
let facilitator: string;
let participant: string;
let spring: string;
let autumn: string;
const SERIES = 'seriescccccccccccccc';
const THEMES = ['Governance', 'Financiën', 'Kwaliteit'];

async function get(path: string, token: string | null) {
	const res = await fetch(`${app.url}${path}`, { headers: token ? { cookie: `denktafel_session=${token}` } : {}, redirect: 'manual' });
	return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

beforeAll(async () => {
	data = tempDataDir();
	db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	const owner = await facilitatorWithMeeting(db);
	await db.insert(series).values({ id: SERIES, title: 'Het partnerschap als deel van de regio', createdBy: owner.userId });
	spring = (await createRealisticMeeting(db, owner.userId, { now: 1, seed: 11, participants: 30, title: 'Voorjaarssessie' })).meetingId;
	const made = await createRealisticMeeting(db, owner.userId, { now: 1, seed: 99, participants: 30, title: 'Najaarssessie' });
	autumn = made.meetingId;
	await db.update(meetings).set({ seriesId: SERIES, startsAt: Date.UTC(2023, 3, 12, 12) }).where(eq(meetings.id, spring));
	await db.update(meetings).set({ seriesId: SERIES, startsAt: Date.UTC(2023, 9, 5, 12) }).where(eq(meetings.id, autumn));
	// A card that a spreadsheet would run as a formula: the raw data must keep it as text.
	await db.update(cards).set({ text: '=HYPERLINK("http://example.com","klik")' }).where(eq(cards.text, 'Wie betaalt de coördinatie van het netwerk van netwerken?'));
	const adminId = await createUser(db, { email: 'admin-series@example.nl', name: 'Ada Admin', role: 'admin', password: 'correct horse battery' });
	admin = (await signIn(db, { userId: adminId })).token;
	facilitator = (await signIn(db, { userId: owner.userId })).token;
	participant = (await signIn(db, { participantId: made.participantIds[0] })).token;
	app = await startApp(data.dbPath);
}, 120_000);

afterAll(async () => {
	await app?.stop();
	if (db) await closeTestDatabase(db);
	data?.remove();
});

describe('the series summary over HTTP', () => {
	it('gives the admin a PDF with every section heading, theme and compared question, named after the day and the series', async () => {
		const pdf = await get(`/api/series-summary/pdf?series=${SERIES}`, admin);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.headers.get('content-disposition')).toMatch(/filename="\d{4}-\d{2}-\d{2}-het-partnerschap-als-deel-van-de-regio\.pdf"/);
		const extracted = await extractText(await getDocumentProxy(pdf.bytes), { mergePages: true });
		const text = extracted.text.replace(/\s+/g, ' ');
		for (const heading of ['1. Opdenksessies', '2. Dezelfde vragen naast elkaar', '3. Kernvragen per thema', '4. Meeste stemmen in de hele reeks']) {
			// In the table of contents and as the heading.
			expect(text.split(heading).length - 1).toBeGreaterThanOrEqual(2);
		}
		for (const theme of THEMES) expect(text).toContain(theme);
		expect(text).toContain('Voorjaarssessie');
		expect(text).toContain('Najaarssessie');
		expect(text).toContain('Verschuiving (pp)');
		expect(text).toContain(`1 / ${extracted.totalPages}`);
	}, 60_000);

	it('shows on its page what was said in both meetings grouped: a wording once, with its count and its meetings', async () => {
		const page = await get(`/admin/series-summary?series=${SERIES}`, admin);
		expect(page.status).toBe(200);
		// Svelte's hydration comments and scoped classes left out, the markup reads plainly.
		const html = new TextDecoder().decode(page.bytes).replace(/<!--.*?-->/g, '').replace(/ class="[^"]*"/g, '');
		// Under its heading, or under a summary that folds a long list away.
		const at = html.search(/<h5[^>]*>Open antwoorden<\/h5>|<summary[^>]*>Open antwoorden \(/);
		expect(at).toBeGreaterThan(0);
		// The list runs to the next heading.
		const open = html.slice(at, html.indexOf('<h', at + 4));
		// The first group is the most frequent wording: its count, then the meetings it was written in.
		const first = /<li><p>([^<]+?) <span aria-hidden="true">\((\d+)×\)<\/span>/.exec(open)!;
		expect(Number(first[2])).toBeGreaterThan(1);
		expect(open.split(first[1]).length - 1).toBe(1);
		expect(open.slice(open.indexOf(first[1]), open.indexOf('</li>', open.indexOf(first[1])))).toMatch(/Voorjaarssessie|Najaarssessie/);
	});

	it('gives a DOCX with a heading per theme and Markdown with the same sections', async () => {
		const docx = await get(`/api/series-summary/docx?series=${SERIES}`, admin);
		expect(docx.status).toBe(200);
		const html = (await mammoth.convertToHtml({ buffer: Buffer.from(docx.bytes) })).value;
		for (const theme of THEMES) expect(html).toMatch(new RegExp(`<h2>(<a id="[^"]*"></a>)?${theme}</h2>`));
		expect(html).toMatch(/<h1>(<a id="[^"]*"><\/a>)?3\. Kernvragen per thema<\/h1>/);
		expect(html).toContain('<table>');

		const md = await get(`/api/series-summary/md?meetings=${autumn},${spring}`, admin);
		expect(md.status).toBe(200);
		const text = new TextDecoder().decode(md.bytes);
		expect(text).toMatch(/^# Gekozen opdenksessies/);
		// Hand-picked meetings keep the order they were picked in.
		expect(text.indexOf('| Najaarssessie |')).toBeLessThan(text.indexOf('| Voorjaarssessie |'));
		for (const theme of THEMES) expect(text).toContain(`### ${theme}`);
	}, 60_000);

	it('round-trips the key questions through CSV and XLSX, formulas kept as text', async () => {
		const csv = await get(`/api/series-summary/csv?series=${SERIES}`, admin);
		expect(csv.status).toBe(200);
		const parsed = Papa.parse<string[]>(new TextDecoder().decode(csv.bytes).replace(/^\uFEFF/, ''), { delimiter: ';' });
		const rows = parsed.data.filter((r) => r.length > 1);
		expect(rows[0]).toEqual(['Opdenksessie', 'Datum', 'Tafel', 'Thema', 'Cluster', 'Kernvraag', 'Stemmen']);
		const live = (await db.select().from(cards)).filter((c) => !c.mergedIntoId && !c.hiddenAt && !c.withdrawnAt && [spring, autumn].includes(c.meetingId));
		expect(rows.length - 1).toBe(live.length);
		expect(rows.some((r) => r[0] === 'Voorjaarssessie' && r[1] === '2023-04-12')).toBe(true);
		expect(rows.filter((r) => r[5] === `'=HYPERLINK("http://example.com","klik")`)).toHaveLength(2);

		const xlsx = await get(`/api/series-summary/xlsx?series=${SERIES}`, admin);
		expect(xlsx.status).toBe(200);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
		const sheet = book.worksheets[0];
		expect(sheet.rowCount - 1).toBe(live.length);
		const values = sheet.getSheetValues().slice(2) as unknown[][];
		const formulas = values.filter((r) => String(r[6]).includes('HYPERLINK'));
		expect(formulas).toHaveLength(2);
		for (const r of formulas) expect(r[6]).toBe(`'=HYPERLINK("http://example.com","klik")`);
		expect(values.every((r) => typeof r[7] === 'number')).toBe(true);
	}, 60_000);

	it('keeps every export in the history, downloadable again by admins only', async () => {
		const page = await fetch(`${app.url}/admin/series-summary`, { headers: { cookie: `denktafel_session=${admin}` } });
		expect(page.status).toBe(200);
		const html = await page.text();
		const ids = Array.from(new Set(Array.from(html.matchAll(/\/api\/series-summary\/history\/([a-z2-7]+)/g)).map((m) => m[1])));
		expect(ids.length).toBe(5);
		const again = await get(`/api/series-summary/history/${ids[0]}`, admin);
		expect(again.status).toBe(200);
		expect(again.headers.get('content-disposition')).toMatch(/\d{4}-\d{2}-\d{2}-/);
		expect((await get(`/api/series-summary/history/${ids[0]}`, facilitator)).status).toBe(403);
		expect((await get(`/api/series-summary/history/${ids[0]}`, null)).status).toBe(401);
		expect((await get(`/api/series-summary/history/aaaaaaaaaaaaaaaaaaaa`, admin)).status).toBe(404);
	});

	it('refuses the summary to facilitators and participants (403) and to the signed-out (401); bad selections 404/422', async () => {
		for (const format of ['pdf', 'csv']) {
			expect((await get(`/api/series-summary/${format}?series=${SERIES}`, facilitator)).status).toBe(403);
			expect((await get(`/api/series-summary/${format}?series=${SERIES}`, participant)).status).toBe(403);
			expect((await get(`/api/series-summary/${format}?series=${SERIES}`, null)).status).toBe(401);
		}
		expect((await get(`/admin/series-summary?series=${SERIES}`, facilitator)).status).toBe(403);
		expect([303, 307, 403]).toContain((await get(`/admin/series-summary`, participant)).status);
		expect((await get(`/admin/series-summary`, null)).status).toBe(303);
		expect((await get(`/api/series-summary/exe?series=${SERIES}`, admin)).status).toBe(404);
		expect((await get(`/api/series-summary/pdf?series=seriesdddddddddddddd`, admin)).status).toBe(404);
		expect((await get(`/api/series-summary/pdf?meetings=`, admin)).status).toBe(422);
	});
});
