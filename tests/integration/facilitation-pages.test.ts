import { first } from '#lib/server/db/query.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, ne } from 'drizzle-orm';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { seedTwoMeetings } from '../helpers/it-fixture.ts';
import { addCoFacilitator, signIn } from '../helpers/fixtures.ts';
import { meetings } from '../../src/lib/server/db/schema.ts';
import { createUser } from '../../src/lib/server/users/users.ts';
import { issueProjectorToken } from '../../src/lib/server/meetings/projector-token.ts';
import { closeTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// Who may open the facilitation screens: the dashboard, the plenary pages and the projector views.

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof seedTwoMeetings>>;
const cookies: Record<string, string> = {};
let token = '';

beforeAll(async () => {
	data = tempDataDir();
	f = await seedTwoMeetings(data.dbPath);
	const db = openTestDatabase(data.dbPath);
	const owner = (await first(db.select({ createdBy: meetings.createdBy }).from(meetings).where(eq(meetings.id, f.meetingA))))!;
	const stranger = (await first(db.select({ createdBy: meetings.createdBy }).from(meetings).where(ne(meetings.id, f.meetingA))))!;
	const co = await createUser(db, { email: 'co@example.nl', name: 'Co', role: 'facilitator', password: 'correct horse battery' });
	await addCoFacilitator(db, f.meetingA, co);
	const admin = await createUser(db, { email: 'admin@example.nl', name: 'Ad', role: 'admin', password: 'correct horse battery' });
	cookies.facilitator = f.facilitator;
	cookies.co = (await signIn(db, { userId: co })).token;
	cookies.admin = (await signIn(db, { userId: admin })).token;
	cookies.other = (await signIn(db, { userId: stranger.createdBy })).token;
	cookies.anna = f.anna.token;
	cookies.carla = f.carla.token;
	const issued = await issueProjectorToken(db, (await signIn(db, { userId: owner.createdBy })).actor, f.meetingA, Date.now());
	if (!issued.ok) throw new Error(issued.reason);
	token = issued.token;
	await closeTestDatabase(db);
	app = await startApp(data.dbPath);
});

afterAll(async () => {
	await app?.stop();
	data?.remove();
});

async function open(path: string, who?: string): Promise<{ status: number; location: string | null; text: string }> {
	const headers: Record<string, string> = who ? { cookie: `denktafel_session=${cookies[who]}` } : {};
	const res = await fetch(`${app.url}${path}`, { headers, redirect: 'manual' });
	return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

describe('the dashboard and the plenary page of the facilitator', () => {
	const pages = () => [`/meetings/${f.meetingA}/dashboard`, `/meetings/${f.meetingA}/plenary/manage`];

	it('open for the facilitator, a co-facilitator and an admin, with the tables in them', async () => {
		for (const who of ['facilitator', 'co', 'admin']) {
			for (const path of pages()) expect((await open(path, who)).status, `${who} ${path}`).toBe(200);
		}
		expect((await open(pages()[0], 'facilitator')).text).toContain('Tafel 1');
	});

	it('refuse another facilitator (403), a participant and anyone signed out (to the login)', async () => {
		for (const path of pages()) {
			expect((await open(path, 'other')).status).toBe(403);
			for (const who of ['anna', undefined]) {
				const res = await open(path, who);
				expect(res.status).toBe(303);
				expect(res.location).toMatch(/^\/login/);
			}
		}
	});
});

describe("the participants' plenary vote", () => {
	it("opens for the meeting's participants, sends facilitators to their own page, refuses others", async () => {
		const path = `/meetings/${f.meetingA}/plenary`;
		expect((await open(path, 'anna')).status).toBe(200);
		expect(await open(path, 'facilitator')).toMatchObject({ status: 303, location: `${path}/manage` });
		expect((await open(path, 'carla')).status).toBe(403);
		expect((await open(path, 'other')).status).toBe(403);
		expect(await open(path)).toMatchObject({ status: 303, location: '/?reason=signed-out' });
	});
});

describe('the projector views', () => {
	const views = () => [`/present/${f.meetingA}/plenary`, `/present/${f.meetingA}/tables`, `/present/${f.meetingA}/tables/${f.tableA}`];

	it("open for the meeting's facilitators and for its projector link", async () => {
		for (const path of views()) {
			expect((await open(path, 'facilitator')).status).toBe(200);
			expect((await open(path, 'co')).status).toBe(200);
			expect((await open(`${path}?token=${token}`)).status).toBe(200);
		}
	});

	it('refuse another facilitator, a participant, a wrong token, and a table of another meeting', async () => {
		for (const path of views()) {
			expect((await open(path, 'other')).status).toBe(403);
			expect((await open(`${path}?token=${'a'.repeat(32)}`)).status).toBe(403);
			expect((await open(path, 'anna')).status).toBe(303);
			expect((await open(path)).status).toBe(303);
		}
		expect((await open(`/present/${f.meetingA}/tables/${f.tableB}?token=${token}`)).status).toBe(404);
		expect((await open(`/present/${f.meetingA}/tables/${f.tableB}`, 'facilitator')).status).toBe(404);
	});
});
