import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import mammoth from 'mammoth';
import { eq } from 'drizzle-orm';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { facilitatorWithMeeting, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { meetings } from '../../src/lib/server/db/schema.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let db: Db;
let meetingId: string;
let facilitator: string;
let otherFacilitator: string;
let participant: string;

async function get(path: string, token: string | null) {
	const res = await fetch(`${app.url}${path}`, { headers: token ? { cookie: `denktafel_session=${token}` } : {} });
	return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

beforeAll(async () => {
	data = tempDataDir();
	db = openTestDatabase(data.dbPath);
	migrateTestDatabase(db);
	const owner = await facilitatorWithMeeting(db);
	const made = await createRealisticMeeting(db, owner.userId, { now: Date.UTC(2023, 4, 1), participants: 40 });
	meetingId = made.meetingId;
	await db.update(meetings).set({ startsAt: Date.UTC(2023, 4, 11, 13), title: 'Het partnerschap in de onderwijsregio' }).where(eq(meetings.id, meetingId));
	facilitator = (await signIn(db, { userId: owner.userId })).token;
	otherFacilitator = (await signIn(db, { userId: (await facilitatorWithMeeting(db)).userId })).token;
	participant = (await signIn(db, { participantId: made.participantIds[0] })).token;
	app = await startApp(data.dbPath);
}, 60_000);

afterAll(async () => {
	await app?.stop();
	if (db) await closeTestDatabase(db);
	data?.remove();
});

describe('meeting reports over HTTP', () => {
	it('gives the facilitator a PDF, a DOCX and Markdown named after the date and the meeting', async () => {
		const pdf = await get(`/api/meetings/${meetingId}/report/pdf`, facilitator);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.headers.get('content-disposition')).toContain('2023-05-11-het-partnerschap-in-de-onderwijsregio.pdf');
		const text = (await extractText(await getDocumentProxy(pdf.bytes), { mergePages: true })).text;
		expect(text).toContain('Per gesprekstafel');
		expect(text).toContain('Governance');

		const docx = await get(`/api/meetings/${meetingId}/report/docx`, facilitator);
		expect(docx.status).toBe(200);
		const html = (await mammoth.convertToHtml({ buffer: Buffer.from(docx.bytes) })).value;
		expect(html).toMatch(/<h1>(<a id="[^"]*"><\/a>)?1\. Inleiding<\/h1>/);

		const md = await get(`/api/meetings/${meetingId}/report/md`, facilitator);
		expect(md.status).toBe(200);
		expect(md.headers.get('content-type')).toContain('text/markdown');
		expect(new TextDecoder().decode(md.bytes)).toMatch(/^# Het partnerschap in de onderwijsregio/);
	}, 60_000);

	it('keeps every export in the history, downloadable again', async () => {
		const page = await fetch(`${app.url}/meetings/${meetingId}/report`, { headers: { cookie: `denktafel_session=${facilitator}` } });
		expect(page.status).toBe(200);
		const html = await page.text();
		const links = Array.from(html.matchAll(/\/api\/meetings\/[a-z2-7]+\/report\/history\/([a-z2-7]+)/g)).map((m) => m[1]);
		expect(new Set(links).size).toBe(3);
		const again = await get(`/api/meetings/${meetingId}/report/history/${links[0]}`, facilitator);
		expect(again.status).toBe(200);
		expect(again.headers.get('content-disposition')).toContain('2023-05-11-het-partnerschap-in-de-onderwijsregio');
	});

	it('refuses participants, other facilitators and strangers, and unknown formats', async () => {
		expect((await get(`/api/meetings/${meetingId}/report/pdf`, participant)).status).toBe(403);
		expect((await get(`/api/meetings/${meetingId}/report/pdf`, otherFacilitator)).status).toBe(403);
		expect((await get(`/api/meetings/${meetingId}/report/pdf`, null)).status).toBe(401);
		expect((await get(`/api/meetings/${meetingId}/report/exe`, facilitator)).status).toBe(404);
		const page = await fetch(`${app.url}/meetings/${meetingId}/report`, { headers: { cookie: `denktafel_session=${participant}` }, redirect: 'manual' });
		expect([303, 403]).toContain(page.status);
		const history = await get(`/api/meetings/${meetingId}/report/history/aaaaaaaaaaaaaaaaaaaa`, otherFacilitator);
		expect(history.status).toBe(403);
	});
});
