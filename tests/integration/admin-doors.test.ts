import { first } from '#lib/server/db/query.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { commandLog, meetings, participants, regions, users } from '../../src/lib/server/db/schema.ts';
import { createUser } from '../../src/lib/server/users/users.ts';
import { REPORT_TEXT_MAX } from '../../src/lib/server/reports/export-report.ts';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { facilitatorWithMeeting, joinAs, setMeetingStatus, signIn } from '../helpers/fixtures.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// The doors framed last (admin accounts, the register and its CSV import, the report's texts), over
// real HTTP against the real server: each refuses with the one refusal table's status and leaves no
// command-log entry, and each success leaves exactly one entry of its type.

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let s: Awaited<ReturnType<typeof seed>>;

async function seed(dbPath: string) {
	const db = openTestDatabase(dbPath);
	migrateTestDatabase(db);
	const adminId = await createUser(db, { email: 'ada@doors.test', name: 'Ada', role: 'admin', password: 'een lang beheerderswachtwoord' });
	const m = await facilitatorWithMeeting(db, { email: 'fien@doors.test' });
	const shut = await facilitatorWithMeeting(db, { email: 'gijs@doors.test', title: 'Gearchiveerd' });
	await setMeetingStatus(db, shut.meetingId, 'archived');
	const anna = await joinAs(db, m.joinCode, 'Anna');
	// An account of its own to disable, so the other sessions here stay valid.
	const keesId = await createUser(db, { email: 'kees@doors.test', name: 'Kees', role: 'facilitator', password: 'kees zijn wachtwoord' });
	const result = {
		adminId,
		admin: (await signIn(db, { userId: adminId })).token,
		facilitator: (await signIn(db, { userId: m.userId })).token,
		keesId,
		meetingId: m.meetingId,
		shut: { meetingId: shut.meetingId, token: (await signIn(db, { userId: shut.userId })).token },
		anna: (await signIn(db, { participantId: anna.participantId })).token
	};
	await closeTestDatabase(db);
	return result;
}

beforeAll(async () => {
	data = tempDataDir();
	s = await seed(data.dbPath);
	app = await startApp(data.dbPath);
}, 60_000);

afterAll(async () => {
	await app?.stop();
	data?.remove();
});

/** A form post as a browser without JavaScript sends it: the page answers with the action's status. */
async function post(path: string, token: string, body: URLSearchParams | FormData) {
	const headers: Record<string, string> = { accept: 'text/html', origin: app.url, cookie: `denktafel_session=${token}` };
	if (body instanceof URLSearchParams) headers['content-type'] = 'application/x-www-form-urlencoded';
	const res = await fetch(`${app.url}${path}`, { method: 'POST', redirect: 'manual', headers, body });
	return { status: res.status, text: await res.text() };
}

const fields = (entries: Array<[string, string]>) => new URLSearchParams(entries);

function csv(text: string): FormData {
	const fd = new FormData();
	fd.set('file', new File([text], 'register.csv', { type: 'text/csv' }));
	return fd;
}

async function logged(type: string): Promise<number> {
	const db = openTestDatabase(app.dbPath);
	const n = (await db.select().from(commandLog).where(eq(commandLog.type, type))).length;
	await closeTestDatabase(db);
	return n;
}

async function regionId(name: string): Promise<string> {
	const db = openTestDatabase(app.dbPath);
	const row = await first(db.select({ id: regions.id }).from(regions).where(eq(regions.name, name)));
	await closeTestDatabase(db);
	return row!.id;
}

/** Runs `send`, expects `status`, and checks the log grew by `entries` of `type`. */
async function expectDoor(type: string, status: number, entries: number, send: () => Promise<{ status: number }>) {
	const before = await logged(type);
	const res = await send();
	expect(res.status, type).toBe(status);
	expect((await logged(type)) - before, `${type} log entries`).toBe(entries);
}

describe('admin accounts through the frame', () => {
	it('creates an account (one log entry without the password), refuses a taken email with 422 and none', async () => {
		await expectDoor('account.create', 200, 1, () =>
			post('/admin/accounts?/create', s.admin, fields([['name', 'Hans'], ['email', 'hans@doors.test']]))
		);
		const db = openTestDatabase(app.dbPath);
		const entry = (await first(db.select().from(commandLog).where(eq(commandLog.type, 'account.create'))))!;
		await closeTestDatabase(db);
		expect(JSON.stringify(entry)).not.toMatch(/oneTimePassword/);
		await expectDoor('account.create', 422, 0, () =>
			post('/admin/accounts?/create', s.admin, fields([['name', 'Hans'], ['email', 'HANS@doors.test']]))
		);
		await expectDoor('account.create', 403, 0, () =>
			post('/admin/accounts?/create', s.facilitator, fields([['name', 'Iris'], ['email', 'iris@doors.test']]))
		);
	});

	it('refuses to disable an admin (403) or nobody (404) without a log entry; disabling ends the sessions', async () => {
		await expectDoor('account.disable', 403, 0, () =>
			post('/admin/accounts?/toggle', s.admin, fields([['userId', s.adminId], ['disable', 'true']]))
		);
		await expectDoor('account.disable', 404, 0, () =>
			post('/admin/accounts?/toggle', s.admin, fields([['userId', 'nobody'], ['disable', 'true']]))
		);
		await expectDoor('account.disable', 200, 1, () =>
			post('/admin/accounts?/toggle', s.admin, fields([['userId', s.keesId], ['disable', 'true']]))
		);
		const db = openTestDatabase(app.dbPath);
		expect((await first(db.select().from(users).where(eq(users.id, s.keesId))))!.disabled).toBe(true);
		await closeTestDatabase(db);
		await expectDoor('account.disable', 200, 1, () =>
			post('/admin/accounts?/toggle', s.admin, fields([['userId', s.keesId], ['disable', 'false']]))
		);
	});
});

describe('the register through the frame', () => {
	it('saves and deletes regions and partnerships, one entry each; refusals leave none', async () => {
		await expectDoor('register.region.save', 200, 1, () => post('/admin/register?/saveRegion', s.admin, fields([['name', 'Regio Noord']])));
		await expectDoor('register.region.save', 422, 0, () => post('/admin/register?/saveRegion', s.admin, fields([['name', 'regio noord']])));
		await expectDoor('register.region.save', 404, 0, () =>
			post('/admin/register?/saveRegion', s.admin, fields([['id', 'nope'], ['name', 'Regio West']]))
		);
		const noord = await regionId('Regio Noord');
		await expectDoor('register.partnership.save', 200, 1, () =>
			post('/admin/register?/savePartnership', s.admin, fields([['name', 'Alfa'], ['sectors', 'po'], ['regionIds', noord]]))
		);
		await expectDoor('register.partnership.save', 422, 0, () =>
			post('/admin/register?/savePartnership', s.admin, fields([['name', 'Beta'], ['sectors', 'po'], ['regionIds', 'nope']]))
		);
		await expectDoor('register.partnership.delete', 404, 0, () =>
			post('/admin/register?/deletePartnership', s.admin, fields([['id', 'nope'], ['name', 'x']]))
		);
		await expectDoor('register.region.delete', 404, 0, () =>
			post('/admin/register?/deleteRegion', s.admin, fields([['id', 'nope'], ['name', 'x']]))
		);
		await expectDoor('register.region.delete', 200, 1, () =>
			post('/admin/register?/deleteRegion', s.admin, fields([['id', noord], ['name', 'Regio Noord']]))
		);
		await expectDoor('register.region.save', 403, 0, () => post('/admin/register?/saveRegion', s.facilitator, fields([['name', 'Regio Oost']])));
	});

	it('refuses a region in use with 409 and its count, and logs nothing', async () => {
		await post('/admin/register?/saveRegion', s.admin, fields([['name', 'Regio Zuid']]));
		const zuid = await regionId('Regio Zuid');
		const db = openTestDatabase(app.dbPath);
		await db.update(participants).set({ regionId: zuid });
		await closeTestDatabase(db);
		const before = await logged('register.region.delete');
		const res = await post('/admin/register?/deleteRegion', s.admin, fields([['id', zuid], ['name', 'Regio Zuid']]));
		expect(res.status).toBe(409);
		expect(res.text).toMatch(/1 deelnemer/);
		expect(await logged('register.region.delete')).toBe(before);
	});

	it('imports a CSV as one entry; an empty file (422) or one missing columns (422) leaves none', async () => {
		await expectDoor('register.import', 200, 1, () =>
			post('/admin/register?/import', s.admin, csv('name,sectors,regions\nGamma,po,Regio Oost\n'))
		);
		await expectDoor('register.import', 422, 0, () => post('/admin/register?/import', s.admin, csv('')));
		await expectDoor('register.import', 422, 0, () => post('/admin/register?/import', s.admin, csv('name;sectors\nGamma;po\n')));
		await expectDoor('register.import', 403, 0, () =>
			post('/admin/register?/import', s.facilitator, csv('name,sectors,regions\nDelta,po,Regio Oost\n'))
		);
	});
});

describe("the report's texts through the frame", () => {
	const texts = (conclusions: string) => fields([['conclusions', conclusions], ['nextSteps', '']]);

	it('saves as one entry; too long (422), archived (409) and not allowed (403) leave none', async () => {
		await expectDoor('report.texts', 200, 1, () => post(`/meetings/${s.meetingId}/report?/texts`, s.facilitator, texts('We gaan door.')));
		const db = openTestDatabase(app.dbPath);
		expect((await first(db.select().from(meetings).where(eq(meetings.id, s.meetingId))))!.conclusions).toBe('We gaan door.');
		await closeTestDatabase(db);
		await expectDoor('report.texts', 422, 0, () =>
			post(`/meetings/${s.meetingId}/report?/texts`, s.facilitator, texts('x'.repeat(REPORT_TEXT_MAX + 1)))
		);
		await expectDoor('report.texts', 409, 0, () => post(`/meetings/${s.shut.meetingId}/report?/texts`, s.shut.token, texts('Te laat.')));
		await expectDoor('report.texts', 403, 0, () => post(`/meetings/${s.meetingId}/report?/texts`, s.shut.token, texts('Niet van mij.')));
	});
});

describe('a password change through the frame', () => {
	it('logs one entry without the password; a wrong current password (422) logs none', async () => {
		const form = (current: string) =>
			fields([['current', current], ['password', 'een nieuw lang wachtwoord'], ['confirm', 'een nieuw lang wachtwoord']]);
		const db = openTestDatabase(app.dbPath);
		const token = (await signIn(db, { userId: s.keesId })).token;
		await closeTestDatabase(db);
		await expectDoor('account.password', 422, 0, () => post('/account/password', token, form('niet mijn wachtwoord')));
		await expectDoor('account.password', 200, 1, () => post('/account/password', token, form('kees zijn wachtwoord')));
		const after = openTestDatabase(app.dbPath);
		const entry = (await first(after.select().from(commandLog).where(eq(commandLog.type, 'account.password'))))!;
		await closeTestDatabase(after);
		expect(JSON.stringify(entry)).not.toMatch(/wachtwoord/);
	});
});

describe('a stored report export through the frame', () => {
	const download = (token: string) =>
		fetch(`${app.url}/api/meetings/${s.meetingId}/report/md`, { headers: { cookie: `denktafel_session=${token}` } }).then(async (res) => {
			await res.arrayBuffer();
			return { status: res.status };
		});

	it('keeps a new export as one entry, the same report again as none; a participant gets 403 and none', async () => {
		await expectDoor('report.export', 200, 1, () => download(s.facilitator));
		await expectDoor('report.export', 200, 0, () => download(s.facilitator));
		await expectDoor('report.export', 403, 0, () => download(s.anna));
	});
});
