import { first } from '#lib/server/db/query.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { seedTwoMeetings } from '../helpers/it-fixture.ts';
import { connectProvider, rawSocket, waitFor } from '../helpers/yjs-client.ts';
import { createSession } from '../../src/lib/server/auth/session.ts';
import { meetings } from '../../src/lib/server/db/schema.ts';
import { issueProjectorToken } from '../../src/lib/server/meetings/projector-token.ts';
import { signIn } from '../helpers/fixtures.ts';
import { eq } from 'drizzle-orm';
import { closeTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof seedTwoMeetings>>;

beforeAll(async () => {
	data = tempDataDir();
	f = await seedTwoMeetings(data.dbPath);
	app = await startApp(data.dbPath);
});

afterAll(async () => {
	await app?.stop();
	data?.remove();
});

async function refusal(room: string, headers: { cookie?: string; origin?: string }) {
	const s = rawSocket(`${app.wsUrl}/${room}`, headers);
	const closed = await s.closed;
	return { ...closed, bytes: s.received.reduce((n, b) => n + b.length, 0) };
}

describe('who may open which room', () => {
	it('closes a connection without a cookie with 4401 and sends no data', async () => {
		expect(await refusal(`table:${f.tableA}`, { origin: app.url })).toMatchObject({ code: 4401, bytes: 0 });
	});

	it('closes a connection with an unknown session with 4401', async () => {
		const r = await refusal(`table:${f.tableA}`, { origin: app.url, cookie: `denktafel_session=${'a'.repeat(32)}` });
		expect(r).toMatchObject({ code: 4401, bytes: 0 });
	});

	it('refuses a foreign Origin even with a valid cookie', async () => {
		const r = await refusal(`table:${f.tableA}`, { origin: 'http://evil.example', cookie: `denktafel_session=${f.anna.token}` });
		expect(r).toMatchObject({ code: 4403, bytes: 0 });
		const none = await refusal(`table:${f.tableA}`, { cookie: `denktafel_session=${f.anna.token}` });
		expect(none).toMatchObject({ code: 4403, bytes: 0 });
	});

	it("refuses a participant of meeting B the table of meeting A with 4403", async () => {
		const r = await refusal(`table:${f.tableA}`, { origin: app.url, cookie: `denktafel_session=${f.carla.token}` });
		expect(r).toMatchObject({ code: 4403, bytes: 0 });
	});

	it('refuses facilitation and other participants\' rooms to a participant, and malformed rooms to anyone', async () => {
		const cookie = `denktafel_session=${f.anna.token}`;
		expect(await refusal(`facilitation:${f.meetingA}`, { origin: app.url, cookie })).toMatchObject({ code: 4403, bytes: 0 });
		expect(await refusal(`participant:${f.bram.id}`, { origin: app.url, cookie })).toMatchObject({ code: 4403, bytes: 0 });
		expect(await refusal('table:nosuchtableaaaaaaaaa', { origin: app.url, cookie })).toMatchObject({ code: 4403, bytes: 0 });
		expect(await refusal('board:../../etc', { origin: app.url, cookie })).toMatchObject({ code: 4403, bytes: 0 });
	});

	it('stops the stock client for good after a refusal (no reconnect loop)', async () => {
		const p = connectProvider(app.wsUrl, `table:${f.tableA}`, { token: f.carla.token, origin: app.url });
		await waitFor(() => p.closes.length > 0, 5000, 'close');
		await new Promise((r) => setTimeout(r, 800));
		expect(p.closes.map((c) => c.code)).toEqual([4403]);
		expect(p.provider.shouldConnect).toBe(false);
		p.destroy();
	});

	it('opens the rooms the room table allows', async () => {
		const rooms: Array<[string, string]> = [
			[`table:${f.tableA}`, f.anna.token],
			[`meeting:${f.meetingA}`, f.anna.token],
			[`participant:${f.anna.id}`, f.anna.token],
			[`facilitation:${f.meetingA}`, f.facilitator],
			[`table:${f.tableA}`, f.facilitator]
		];
		for (const [room, token] of rooms) {
			const p = connectProvider(app.wsUrl, room, { token, origin: app.url });
			await waitFor(() => p.provider.synced, 5000, `sync of ${room}`);
			expect(p.closes).toEqual([]);
			p.destroy();
		}
	});

	it("closes that device's live sockets at logout and leaves the same person's other device connected", async () => {
		const db = openTestDatabase(data.dbPath);
		const otherDevice = (await createSession(db, { participantId: f.bram.id }, { days: 30, now: Date.now() })).token;
		await closeTestDatabase(db);
		const here = connectProvider(app.wsUrl, `table:${f.tableA}`, { token: f.bram.token, origin: app.url });
		const there = connectProvider(app.wsUrl, `table:${f.tableA}`, { token: otherDevice, origin: app.url });
		await waitFor(() => here.provider.synced && there.provider.synced, 5000, 'sync');
		const res = await fetch(`${app.url}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie: `denktafel_session=${f.bram.token}`, origin: app.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: ''
		});
		expect(res.status).toBe(303);
		await waitFor(() => here.closes.some((c) => c.code === 4401), 5000, 'the close at logout');
		await new Promise((r) => setTimeout(r, 300));
		expect(there.closes).toEqual([]);
		expect(there.provider.wsconnected).toBe(true);
		// The logged-out token no longer opens anything.
		expect(await refusal(`table:${f.tableA}`, { origin: app.url, cookie: `denktafel_session=${f.bram.token}` })).toMatchObject({ code: 4401, bytes: 0 });
		here.destroy();
		there.destroy();
	});
});

describe('a projector link', () => {
	it("opens its meeting's public room and its tables' boards without a login, and nothing else", async () => {
		const db = openTestDatabase(data.dbPath);
		const owner = (await first(db.select({ createdBy: meetings.createdBy }).from(meetings).where(eq(meetings.id, f.meetingA))))!;
		const { actor } = await signIn(db, { userId: owner.createdBy });
		const issued = await issueProjectorToken(db, actor, f.meetingA, Date.now());
		await closeTestDatabase(db);
		if (!issued.ok) throw new Error(issued.reason);
		const q = `?projector=${issued.token}`;
		for (const room of [`meeting:${f.meetingA}`, `table:${f.tableA}`]) {
			const open = rawSocket(`${app.wsUrl}/${room}${q}`, { origin: app.url });
			await open.opened;
			await waitFor(() => open.received.length > 0, 3000, room);
			open.ws.close();
		}
		for (const room of [`facilitation:${f.meetingA}`, `table:${f.tableB}`, `participant:${f.anna.id}`, `meeting:${f.meetingA}`]) {
			const token = room.startsWith('meeting:') ? 'a'.repeat(32) : issued.token;
			expect(await refusal(`${room}?projector=${token}`, { origin: app.url })).toMatchObject({ code: 4403, bytes: 0 });
		}
	});
});

describe('pages follow the same rules', () => {
	it('answers a facilitator on an admin page with 403 and a Dutch message', async () => {
		const res = await fetch(`${app.url}/admin/accounts`, { headers: { cookie: `denktafel_session=${f.facilitator}` } });
		expect(res.status).toBe(403);
		expect(await res.text()).toContain('Dit mag je niet bekijken of doen.');
	});

	it("refuses a participant another table's board and the facilitator pages", async () => {
		const cookie = `denktafel_session=${f.carla.token}`;
		expect((await fetch(`${app.url}/tables/${f.tableA}`, { headers: { cookie } })).status).toBe(403);
		const staff = await fetch(`${app.url}/meetings/${f.meetingA}`, { headers: { cookie }, redirect: 'manual' });
		expect(staff.status).toBe(303);
		expect(staff.headers.get('location')).toMatch(/^\/login/);
	});
});
