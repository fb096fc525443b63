import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import mammoth from 'mammoth';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { facilitatorWithMeeting, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { meetings, reportExports } from '../../src/lib/server/db/schema.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// The facilitator's Markdown reaches readers of the report files: links in it must not run script.
// And a report downloaded again unchanged is the stored file, not another full copy in the history.

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let db: Db;
let meetingId: string;
let facilitator: string;

const HOSTILE = [
	'Lees [de agenda](javascript:alert(1)) en [dit](JaVaScRiPt:alert(2)).',
	'![beeld]( data:text/html;base64,PHNjcmlwdD4= ) en [vb](vbscript:msgbox(1))',
	'[ref]: javascript:alert(3)',
	'Wel een link: [site](https://www.platformsamenopleiden.nl/) en [mail](mailto:info@example.nl).'
].join('\n\n');

async function download(format: 'md' | 'docx' | 'pdf') {
	const res = await fetch(`${app.url}/api/meetings/${meetingId}/report/${format}`, { headers: { cookie: `denktafel_session=${facilitator}` } });
	expect(res.status).toBe(200);
	return new Uint8Array(await res.arrayBuffer());
}

const stored = async (format: string) =>
	(await db.select().from(reportExports).where(eq(reportExports.meetingId, meetingId))).filter((r) => r.format === format).length;

beforeAll(async () => {
	data = tempDataDir();
	db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	const owner = await facilitatorWithMeeting(db, { title: 'Links in het verslag' });
	meetingId = owner.meetingId;
	await db.update(meetings).set({ introduction: HOSTILE, conclusions: HOSTILE }).where(eq(meetings.id, meetingId));
	facilitator = (await signIn(db, { userId: owner.userId })).token;
	app = await startApp(data.dbPath);
}, 60_000);

afterAll(async () => {
	await app?.stop();
	if (db) await closeTestDatabase(db);
	data?.remove();
});

describe("links in the facilitator's Markdown", () => {
	it('leave no javascript:, data: or vbscript: link in the Markdown report, and keep web and mail links', async () => {
		const md = new TextDecoder().decode(await download('md'));
		expect(md).not.toMatch(/\]\(\s*(javascript|data|vbscript):/i);
		expect(md).not.toMatch(/^\s*\[ref\]:\s*javascript:/im);
		// Still visible as text, so the report says what the facilitator wrote.
		expect(md).toContain('de agenda');
		expect(md).toContain('[site](https://www.platformsamenopleiden.nl/)');
		expect(md).toContain('[mail](mailto:info@example.nl)');
	});

	it('make no link at all in the DOCX and the PDF', async () => {
		const docx = await download('docx');
		const html = (await mammoth.convertToHtml({ buffer: Buffer.from(docx) })).value;
		expect(html).not.toMatch(/href="(javascript|data|vbscript):/i);
		expect(html).toContain('de agenda');
		const pdf = Buffer.from(await download('pdf')).toString('latin1');
		expect(pdf).not.toMatch(/\/URI\s*\((javascript|data|vbscript):/i);
		expect(pdf).not.toMatch(/\/S\s*\/JavaScript/);
	}, 30_000);
});

describe('the report history', () => {
	it('keeps one copy per format while nothing changed, and a new one after a change', async () => {
		const first = await download('md');
		expect(await download('md')).toEqual(first);
		expect(await stored('md')).toBe(1);
		await download('pdf');
		expect(await stored('pdf')).toBe(1);
		await db.update(meetings).set({ nextSteps: 'Volgende keer verder.' }).where(eq(meetings.id, meetingId));
		const changed = new TextDecoder().decode(await download('md'));
		expect(changed).toContain('Volgende keer verder.');
		expect(await stored('md')).toBe(2);
	}, 30_000);
});
