import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollResponses } from '../../src/lib/server/db/schema.ts';
import { ballotsMap, countsMap, pollStateMap } from '../../src/lib/realtime/meeting-doc.ts';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { signIn } from '../helpers/fixtures.ts';
import { cmd, fullAnswers, meetingWithPoll } from '../helpers/poll-fixture.ts';
import { connectProvider, waitFor, type TestProvider } from '../helpers/yjs-client.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

const CROWD = 200;
let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof seed>>;
const open: TestProvider[] = [];

async function seed(dbPath: string) {
	const db = openTestDatabase(dbPath);
	migrateTestDatabase(db);
	const sectors = ['po', 'vo', 'mbo'] as const;
	const people = Array.from({ length: CROWD + 1 }, (_, i) => ({
		name: `Deelnemer ${i}`,
		sector: sectors[i % 3]
	}));
	const p = await meetingWithPoll(db, people);
	const facilitator = (await signIn(db, { userId: p.userId })).token;
	await closeTestDatabase(db);
	return {
		meetingId: p.meetingId,
		questions: p.questions,
		facilitator,
		crowd: p.people.slice(0, CROWD),
		doubler: p.people[CROWD]
	};
}

async function countResponses(questionId?: string): Promise<number> {
	const db = openTestDatabase(app.dbPath);
	const rows = (await db
		.select()
		.from(pollResponses))
		.filter((r) => !questionId || r.questionId === questionId);
	await closeTestDatabase(db);
	return rows.length;
}

function provider(room: string, token: string) {
	const p = connectProvider(app.wsUrl, room, { token, origin: app.url });
	open.push(p);
	return p;
}

async function call(method: string, path: string, token: string | null, body?: unknown) {
	const res = await fetch(`${app.url}/api/meetings/${f.meetingId}/poll${path}`, {
		method,
		headers: {
			'content-type': 'application/json',
			origin: app.url,
			...(token ? { cookie: `denktafel_session=${token}` } : {})
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return {
		status: res.status,
		body: (await res.json().catch(() => null)) as Record<string, unknown> | null
	};
}

beforeAll(async () => {
	data = tempDataDir();
	f = await seed(data.dbPath);
	app = await startApp(data.dbPath);
}, 120_000);

afterAll(async () => {
	for (const p of open) p.destroy();
	await app?.stop();
	data?.remove();
});

describe('the poll through the real server', () => {
	it('refuses facilitation:<id> to a participant with 4403 and finds no results for them anywhere', async () => {
		const spy = provider(`facilitation:${f.meetingId}`, f.crowd[0].token);
		await waitFor(() => spy.closes.some((c) => c.code === 4403), 5000, 'the 4403 close');
		expect((await call('GET', '/results', f.crowd[0].token)).status).toBe(403);
		expect((await call('GET', '/results', null)).status).toBe(401);
		const poll = await call('GET', '', f.crowd[0].token);
		expect(poll.status).toBe(200);
		expect(Object.keys(poll.body ?? {}).sort()).toEqual(['counts', 'questions', 'state']);
	});

	it(`takes ${CROWD} participants answering at once: exactly ${CROWD} responses, tallies moving live for the facilitator`, async () => {
		const desk = provider(`facilitation:${f.meetingId}`, f.facilitator);
		const hall = provider(`meeting:${f.meetingId}`, f.crowd[0].token);
		await waitFor(() => desk.provider.synced && hall.provider.synced, 5000, 'sync');
		const seen = new Set<number>();
		countsMap(desk.doc).observe(() => seen.add(countsMap(desk.doc).get(f.questions.regie) ?? 0));
		const results = await Promise.all(
			f.crowd.map((p, i) =>
				call('POST', '/answers', p.token, {
					commandId: cmd(),
					answers: fullAnswers(f.questions, (i % 3) as 0 | 1 | 2)
				})
			)
		);
		expect(results.filter((r) => r.status !== 200)).toEqual([]);
		expect(await countResponses(f.questions.regie)).toBe(CROWD);
		await waitFor(
			() => countsMap(desk.doc).get(f.questions.regie) === CROWD,
			10_000,
			'the facilitator count'
		);
		expect(seen.size).toBeGreaterThan(1);
		expect(
			Array.from(ballotsMap(desk.doc).values()).filter((b) => b.questionId === f.questions.regie)
		).toHaveLength(CROWD);
		await waitFor(
			() => countsMap(hall.doc).get(f.questions.regie) === CROWD,
			10_000,
			'the public count'
		);
		expect(ballotsMap(hall.doc).size).toBe(0);
	}, 60_000);

	it('keeps one response per question when one participant submits twice at once', async () => {
		const [a, b] = await Promise.all([
			call('POST', '/answers', f.doubler.token, {
				commandId: cmd(),
				answers: fullAnswers(f.questions, 0)
			}),
			call('POST', '/answers', f.doubler.token, {
				commandId: cmd(),
				answers: fullAnswers(f.questions, 1)
			})
		]);
		expect([a.status, b.status]).toEqual([200, 200]);
		expect(await countResponses(f.questions.positie)).toBe(CROWD + 1);
		const own = await call('GET', '/answers', f.doubler.token);
		expect(
			(own.body?.answers as Array<{ questionId: string }>).filter(
				(x) => x.questionId === f.questions.positie
			)
		).toHaveLength(1);
	});

	it('answers builder refusals with real status codes and asks before deleting answers', async () => {
		const q = { commandId: cmd(), key: 'nieuw', type: 'text', prompt: 'Nieuw?' };
		expect((await call('POST', '/questions', f.crowd[1].token, q)).status).toBe(403);
		expect((await call('POST', '/questions', f.facilitator, { ...q, prompt: '' })).status).toBe(
			422
		);
		const poll = await call('GET', '', f.facilitator);
		const positie = (poll.body?.questions as Array<{ id: string; options: unknown[] }>).find(
			(x) => x.id === f.questions.positie
		)!;
		const fewer = { ...positie, commandId: cmd(), options: positie.options.slice(1) };
		const ask = await call('PUT', `/questions/${f.questions.positie}`, f.facilitator, fewer);
		expect(ask.status).toBe(409);
		expect(ask.body).toMatchObject({
			error: 'needs-confirmation',
			affectedResponses: expect.any(Number)
		});
		expect(
			(await call('PUT', '/questions/nosuchquestionaaaaaa', f.facilitator, fewer)).status
		).toBe(404);
	});

	it('puts a question’s results into meeting:<id> only once it is revealed', async () => {
		const hall = provider(`meeting:${f.meetingId}`, f.crowd[2].token);
		await waitFor(() => hall.provider.synced, 5000, 'sync');
		expect(ballotsMap(hall.doc).size).toBe(0);
		expect(
			(
				await call('POST', '/reveal', f.facilitator, {
					commandId: cmd(),
					questionId: f.questions.tevreden,
					revealed: true
				})
			).status
		).toBe(200);
		await waitFor(() => ballotsMap(hall.doc).size === CROWD + 1, 5000, 'revealed ballots');
		expect(
			Array.from(ballotsMap(hall.doc).values()).every(
				(b) => b.questionId === f.questions.tevreden && b.name === null
			)
		).toBe(true);
	});

	it('answers malformed, anonymous and runaway answer requests with 400, 401 and 429', async () => {
		const path = `/answers/${f.questions.tevreden}`;
		expect((await call('PUT', path, null, { commandId: cmd(), value: 4 })).status).toBe(401);
		const raw = await fetch(`${app.url}/api/meetings/${f.meetingId}/poll${path}`, {
			method: 'PUT',
			headers: {
				'content-type': 'application/json',
				origin: app.url,
				cookie: `denktafel_session=${f.crowd[4].token}`
			},
			body: '{not json'
		});
		expect(raw.status).toBe(400);
		// 120 per minute per person: a burst of 150 at once runs out.
		const statuses = await Promise.all(
			Array.from(
				{ length: 150 },
				async () =>
					(await call('PUT', path, f.crowd[4].token, { commandId: cmd(), value: 4 })).status
			)
		);
		expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(100);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
	});

	it('refuses an answer after the poll closes with 409 and a Dutch message', async () => {
		const hall = provider(`meeting:${f.meetingId}`, f.crowd[3].token);
		await waitFor(() => hall.provider.synced, 5000, 'sync');
		expect((await call('POST', '/close', f.facilitator, { commandId: cmd() })).status).toBe(200);
		const late = await call('POST', '/answers', f.crowd[3].token, {
			commandId: cmd(),
			answers: fullAnswers(f.questions, 2)
		});
		expect(late.status).toBe(409);
		expect(late.body).toMatchObject({
			error: 'poll-closed',
			message: 'De poll is gesloten: antwoorden of wijzigen kan niet meer.'
		});
		await waitFor(
			() => pollStateMap(hall.doc).get('state')?.open === false,
			5000,
			'the closed state'
		);
	});
});
