import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { cards, commandLog } from '../../src/lib/server/db/schema.ts';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { commandId, postCard, seedTwoMeetings } from '../helpers/it-fixture.ts';
import { closeTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// No single participant can flood the room with commands: the frame limits each person's commands
// (whichever door), answers 429 with Retry-After, and a refused command leaves no row in the log.
// And the JSON door reads bodies strictly: too large is 413, a look-alike content type is not JSON.

const PER_MINUTE = 30;
let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof seedTwoMeetings>>;

beforeAll(async () => {
	data = tempDataDir();
	f = await seedTwoMeetings(data.dbPath);
	app = await startApp(data.dbPath, { RATE_LIMIT_COMMANDS_PER_PERSON: String(PER_MINUTE) });
}, 60_000);

afterAll(async () => {
	await app?.stop();
	data?.remove();
});

async function loggedBy(participantId: string): Promise<number> {
	const db = openTestDatabase(app.dbPath);
	const n = (await db.select().from(commandLog).where(eq(commandLog.actorId, participantId))).length;
	await closeTestDatabase(db);
	return n;
}

async function cardCount(): Promise<number> {
	const db = openTestDatabase(app.dbPath);
	const n = (await db.select().from(cards)).length;
	await closeTestDatabase(db);
	return n;
}

async function cardsWithText(text: string): Promise<number> {
	const db = openTestDatabase(app.dbPath);
	const n = (await db.select().from(cards).where(eq(cards.text, text))).length;
	await closeTestDatabase(db);
	return n;
}

async function cardForm(token: string, text: string) {
	const res = await fetch(`${app.url}/tables/${f.tableA}`, {
		method: 'POST',
		headers: {
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			origin: app.url,
			cookie: `denktafel_session=${token}`
		},
		body: new URLSearchParams({ commandId: commandId(), text }).toString()
	});
	await res.text();
	return res.status;
}

describe('a per-person limit on commands', () => {
	it('refuses a flood from one person with 429 and Retry-After, at the endpoint and the form alike', async () => {
		const statuses: number[] = [];
		let retryAfter: string | null = null;
		for (let i = 0; i < PER_MINUTE + 15; i++) {
			const res = await fetch(`${app.url}/api/tables/${f.tableA}/cards`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: app.url, cookie: `denktafel_session=${f.anna.token}` },
				body: JSON.stringify({ commandId: commandId(), text: `Stortvloed ${i}` })
			});
			statuses.push(res.status);
			if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
			await res.text();
		}
		const added = statuses.filter((s) => s === 201).length;
		// The bucket holds a minute's worth and refills evenly: the flood of about a second gets that, barely more.
		expect(added).toBeGreaterThanOrEqual(PER_MINUTE);
		expect(added).toBeLessThanOrEqual(PER_MINUTE + 2);
		expect(statuses.filter((s) => s !== 201 && s !== 429)).toEqual([]);
		expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
		// The refused commands left nothing behind: the log holds only what was added.
		expect(await loggedBy(f.anna.id)).toBe(added);
		// The same person through the no-JavaScript form: the same limit.
		expect(await cardForm(f.anna.token, 'Via het formulier')).toBe(429);
		expect(await cardsWithText('Via het formulier')).toBe(0);
	});

	it('leaves everyone else alone', async () => {
		expect((await postCard(app.url, f.tableA, f.bram.token, { commandId: commandId(), text: 'Bram mag nog' })).status).toBe(201);
		expect(await cardForm(f.bram.token, 'Bram via het formulier')).toBe(200);
	});
});

describe('the JSON door reads a body as what it is', () => {
	it('answers 413 to a body over the limit, and stores nothing', async () => {
		const before = await cardCount();
		const text = `Te groot ${'x'.repeat(300_000)}`;
		const res = await postCard(app.url, f.tableA, f.bram.token, { commandId: commandId(), text });
		expect(res.status).toBe(413);
		expect(res.body?.error).toBe('too-large');
		// Past the server's own body limit too (adapter-node's BODY_SIZE_LIMIT, 512 KB): still 413.
		const huge = await postCard(app.url, f.tableA, f.bram.token, { commandId: commandId(), text: 'y'.repeat(700_000) });
		expect(huge.status).toBe(413);
		expect(await cardCount()).toBe(before);
	});

	it('does not parse application/jsonp as JSON (400), and takes application/json with a charset', async () => {
		const send = (type: string, text: string) =>
			fetch(`${app.url}/api/tables/${f.tableA}/cards`, {
				method: 'POST',
				headers: { 'content-type': type, origin: app.url, cookie: `denktafel_session=${f.bram.token}` },
				body: JSON.stringify({ commandId: commandId(), text })
			});
		const jsonp = await send('application/jsonp', 'Als jsonp');
		expect(jsonp.status).toBe(400);
		expect(((await jsonp.json()) as { error: string }).error).toBe('invalid-json');
		expect(await cardsWithText('Als jsonp')).toBe(0);
		const charset = await send('application/json; charset=utf-8', 'Met charset');
		expect(charset.status).toBe(201);
	});
});
