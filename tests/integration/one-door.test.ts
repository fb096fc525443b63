import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { cards, meetings } from '../../src/lib/server/db/schema.ts';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import { cmd, meetingWithPoll } from '../helpers/poll-fixture.ts';
import { closeTestDatabase, migrateTestDatabase, openTestDatabase } from '../helpers/test-db.ts';

// One frame, one door: over real HTTP against the real server, a command refused through its JSON
// endpoint and through its no-JavaScript form answers with the same status; the phone's poll form and
// the poll API share one rate limit; a replayed command id answers as the first time did through
// either door; a refused vote leaves every metric as it was.

const METRICS_TOKEN = 'metrics-token-for-one-door';
let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof seed>>;

async function seed(dbPath: string) {
	const db = openTestDatabase(dbPath);
	migrateTestDatabase(db);
	const p = await meetingWithPoll(db, [
		{ name: 'Anna' },
		{ name: 'Bram' },
		{ name: 'Dora' },
		{ name: 'Eef' },
		{ name: 'Femke' }
	]);
	const [anna, bram, dora, eef, femke] = p.people;
	// A second meeting whose participant may not touch the first meeting's table.
	const other = await facilitatorWithMeeting(db, { title: 'Andere sessie' });
	const carla = await joinAs(db, other.joinCode, 'Carla');
	// A third meeting, where participants may not pick their table and whose poll is closed.
	const shut = await meetingWithPoll(db, [{ name: 'Gijs' }]);
	await db.update(meetings)
		.set({ participantsChooseTable: false, pollClosedAt: Date.now() })
		.where(eq(meetings.id, shut.meetingId));
	const result = {
		meetingId: p.meetingId,
		tableId: p.tableId,
		questions: p.questions,
		facilitator: (await signIn(db, { userId: p.userId })).token,
		anna: anna.token,
		bram: bram.token,
		dora: dora.token,
		eef: eef.token,
		femke: femke.token,
		carla: (await signIn(db, { participantId: carla.participantId })).token,
		shut: {
			meetingId: shut.meetingId,
			tableId: shut.tableId,
			question: shut.questions.tevreden,
			gijs: shut.people[0].token,
			facilitator: (await signIn(db, { userId: shut.userId })).token
		}
	};
	await closeTestDatabase(db);
	return result;
}

beforeAll(async () => {
	data = tempDataDir();
	f = await seed(data.dbPath);
	app = await startApp(data.dbPath, { METRICS_TOKEN });
}, 60_000);

afterAll(async () => {
	await app?.stop();
	data?.remove();
});

/** A JSON command, as the app's own scripts send it. */
async function api(method: string, path: string, token: string | null, body: unknown) {
	const res = await fetch(`${app.url}${path}`, {
		method,
		headers: {
			'content-type': 'application/json',
			origin: app.url,
			...(token ? { cookie: `denktafel_session=${token}` } : {})
		},
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

/** A form post as a browser without JavaScript sends it: the page answers with the action's status. */
async function form(path: string, token: string, fields: Record<string, string>) {
	const res = await fetch(`${app.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			origin: app.url,
			cookie: `denktafel_session=${token}`
		},
		body: new URLSearchParams(fields).toString()
	});
	await res.text();
	return { status: res.status };
}

async function cardsWithText(text: string): Promise<number> {
	const db = openTestDatabase(app.dbPath);
	const n = (await db.select().from(cards).where(eq(cards.text, text))).length;
	await closeTestDatabase(db);
	return n;
}

describe('a refusal has one status, whichever door it came through', () => {
	// Each row: the refusal, then the same command through its endpoint and through its form.
	const rows: Array<{
		reason: string;
		status: number;
		viaApi: () => Promise<{ status: number; body?: Record<string, unknown> | null }>;
		viaForm: () => Promise<{ status: number }>;
	}> = [
		{
			reason: 'invalid (an empty card)',
			status: 422,
			viaApi: () => api('POST', `/api/tables/${f.tableId}/cards`, f.anna, { commandId: cmd(), text: '   ' }),
			viaForm: () => form(`/tables/${f.tableId}`, f.anna, { commandId: cmd(), text: '   ' })
		},
		{
			reason: 'not-allowed (a card at another meeting’s table)',
			status: 403,
			viaApi: () => api('POST', `/api/tables/${f.tableId}/cards`, f.carla, { commandId: cmd(), text: 'Vraag' }),
			viaForm: () => form(`/tables/${f.tableId}`, f.carla, { commandId: cmd(), text: 'Vraag' })
		},
		{
			reason: 'invalid-json (an unreadable poll answer)',
			status: 400,
			viaApi: () => api('PUT', `/api/meetings/${f.meetingId}/poll/answers/${f.questions.tevreden}`, f.eef, '{nee'),
			viaForm: () => form(`/meetings/${f.meetingId}/poll?/save`, f.eef, { questionId: f.questions.tevreden, payload: '{nee' })
		},
		{
			reason: 'invalid (a poll answer out of range)',
			status: 422,
			viaApi: () =>
				api('PUT', `/api/meetings/${f.meetingId}/poll/answers/${f.questions.tevreden}`, f.eef, { commandId: cmd(), value: 99 }),
			viaForm: () =>
				form(`/meetings/${f.meetingId}/poll?/save`, f.eef, {
					questionId: f.questions.tevreden,
					payload: JSON.stringify({ commandId: cmd(), value: 99 })
				})
		},
		{
			reason: 'poll-closed',
			status: 409,
			viaApi: () =>
				api('PUT', `/api/meetings/${f.shut.meetingId}/poll/answers/${f.shut.question}`, f.shut.gijs, { commandId: cmd(), value: 3 }),
			viaForm: () =>
				form(`/meetings/${f.shut.meetingId}/poll?/save`, f.shut.gijs, {
					questionId: f.shut.question,
					payload: JSON.stringify({ commandId: cmd(), value: 3 })
				})
		},
		{
			reason: 'choice-closed (picking a table when the facilitator seats people)',
			status: 403,
			viaApi: () => api('POST', `/api/tables/${f.shut.tableId}/seat`, f.shut.gijs, { commandId: cmd() }),
			viaForm: () =>
				form(`/meetings/${f.shut.meetingId}/tables?/choose`, f.shut.gijs, { tableId: f.shut.tableId, commandId: cmd() })
		},
		{
			reason: 'invalid-transition (opening an open meeting)',
			status: 409,
			viaApi: () => api('POST', `/api/meetings/${f.meetingId}/status`, f.facilitator, { commandId: cmd(), action: 'open' }),
			viaForm: () => form(`/meetings/${f.meetingId}?/status`, f.facilitator, { commandId: cmd(), action: 'open' })
		},
		{
			reason: 'invalid (an invite list without an email column)',
			status: 422,
			viaApi: async () => {
				const res = await fetch(`${app.url}/api/meetings/${f.meetingId}/invitations`, {
					method: 'POST',
					headers: { 'content-type': 'text/csv', origin: app.url, cookie: `denktafel_session=${f.facilitator}` },
					body: 'naam\nAnna\n'
				});
				await res.text();
				return { status: res.status };
			},
			viaForm: async () => {
				const body = new FormData();
				body.set('file', new Blob(['naam\nAnna\n'], { type: 'text/csv' }), 'lijst.csv');
				const res = await fetch(`${app.url}/meetings/${f.meetingId}/invitations?/upload`, {
					method: 'POST',
					headers: { accept: 'text/html', origin: app.url, cookie: `denktafel_session=${f.facilitator}` },
					body
				});
				await res.text();
				return { status: res.status };
			}
		},
		{
			reason: 'meeting-not-active (board settings of a closed meeting)',
			status: 409,
			viaApi: async () => {
				// Close the third meeting once (through the endpoint), then try its board settings.
				await api('POST', `/api/meetings/${f.shut.meetingId}/status`, f.shut.facilitator, { commandId: cmd(), action: 'close' });
				return api('POST', `/api/meetings/${f.shut.meetingId}/board`, f.shut.facilitator, {
					type: 'board.settings',
					commandId: cmd(),
					voteBudget: 3,
					votePerCardMax: null,
					talliesLive: true,
					lateCards: false,
					participantsChooseTable: false
				});
			},
			viaForm: () =>
				form(`/meetings/${f.shut.meetingId}?/boardSettings`, f.shut.facilitator, {
					commandId: cmd(),
					voteBudget: '3',
					votePerCardMax: ''
				})
		}
	];

	for (const row of rows) {
		it(`refuses ${row.reason} with ${row.status} through the endpoint and the form`, async () => {
			const viaApi = await row.viaApi();
			const viaForm = await row.viaForm();
			expect({ api: viaApi.status, form: viaForm.status }).toEqual({ api: row.status, form: row.status });
		});
	}

	it('refuses a command id used for another command as taken (409), through either door', async () => {
		const id = cmd();
		const answered = await api('PUT', `/api/meetings/${f.meetingId}/poll/answers/${f.questions.tevreden}`, f.anna, {
			commandId: id,
			value: 4
		});
		expect(answered.status).toBe(200);
		const viaApi = await api('POST', `/api/tables/${f.tableId}/cards`, f.anna, { commandId: id, text: 'Vraag' });
		const viaForm = await form(`/tables/${f.tableId}`, f.anna, { commandId: id, text: 'Vraag' });
		expect({ api: viaApi.status, form: viaForm.status }).toEqual({ api: 409, form: 409 });
	});
});

describe('the poll answer has one rate limit for the phone form and the API', () => {
	const save = async (token: string, door: 'form' | 'api') => {
		const body = { commandId: cmd(), value: 3 };
		return door === 'api'
			? await api('PUT', `/api/meetings/${f.meetingId}/poll/answers/${f.questions.tevreden}`, token, body)
			: await form(`/meetings/${f.meetingId}/poll?/save`, token, {
					questionId: f.questions.tevreden,
					payload: JSON.stringify(body)
				});
	};

	let lastRefusal: Awaited<ReturnType<typeof save>> | null = null;
	async function untilRefused(token: string, door: 'form' | 'api'): Promise<number> {
		for (let sent = 1; sent <= 400; sent++) {
			const res = await save(token, door);
			if (res.status === 429) {
				lastRefusal = res;
				return sent - 1;
			}
			expect(res.status).toBe(200);
		}
		return Infinity;
	}

	// The bucket refills evenly (2 a second), so on a busy machine a request or two may pass between the
	// flood's refusal and the other door's first try; a second, separate limit would let 120 more through.
	const REFILLED_MEANWHILE = 5;

	it('stops a flood of form posts, and then the API refuses the same person too', async () => {
		const accepted = await untilRefused(f.bram, 'form');
		// 120 a minute, refilled evenly: a flood of a few seconds gets little more than that.
		expect(accepted).toBeGreaterThanOrEqual(120);
		expect(accepted).toBeLessThan(200);
		expect(await untilRefused(f.bram, 'api')).toBeLessThanOrEqual(REFILLED_MEANWHILE);
		// The API's refusal says when to try again (another try right now could already find a refilled
		// token on a slow machine, so the refusal itself is checked).
		expect(Number((lastRefusal as unknown as { headers: Headers }).headers.get('retry-after'))).toBeGreaterThan(0);
	});

	it('stops a flood through the API, and then the form refuses the same person too', async () => {
		const accepted = await untilRefused(f.dora, 'api');
		expect(accepted).toBeGreaterThanOrEqual(120);
		expect(accepted).toBeLessThan(200);
		expect(await untilRefused(f.dora, 'form')).toBeLessThanOrEqual(REFILLED_MEANWHILE);
		// Another person is not slowed by it.
		expect((await save(f.femke, 'form')).status).toBe(200);
	});
});

describe('a replayed command id answers as the first time did, through either door', () => {
	it('adds a card once when the endpoint’s command is sent again by the form', async () => {
		const id = cmd();
		const first = await api('POST', `/api/tables/${f.tableId}/cards`, f.anna, { commandId: id, text: 'Eerst via de API' });
		expect(first.status).toBe(201);
		const again = await form(`/tables/${f.tableId}`, f.anna, { commandId: id, text: 'Daarna via het formulier' });
		expect(again.status).toBe(200);
		expect(await cardsWithText('Eerst via de API')).toBe(1);
		expect(await cardsWithText('Daarna via het formulier')).toBe(0);
	});

	it('adds a card once when the form’s command is sent again to the endpoint, which answers with the first card', async () => {
		const id = cmd();
		const first = await form(`/tables/${f.tableId}`, f.anna, { commandId: id, text: 'Eerst via het formulier' });
		expect(first.status).toBe(200);
		const again = await api('POST', `/api/tables/${f.tableId}/cards`, f.anna, { commandId: id, text: 'Daarna via de API' });
		expect(again.status).toBe(200);
		expect(again.body?.replayed).toBe(true);
		expect((again.body?.card as { text: string }).text).toBe('Eerst via het formulier');
		expect(await cardsWithText('Daarna via de API')).toBe(0);
	});

	it('answers a replayed meeting status step through the form as the endpoint did', async () => {
		const id = cmd();
		const first = await api('POST', `/api/meetings/${f.meetingId}/status`, f.facilitator, { commandId: id, action: 'start' });
		expect(first.body).toEqual({ status: 'live', replayed: false });
		const again = await form(`/meetings/${f.meetingId}?/status`, f.facilitator, { commandId: id, action: 'start' });
		expect(again.status).toBe(200);
		const twice = await api('POST', `/api/meetings/${f.meetingId}/status`, f.facilitator, { commandId: id, action: 'start' });
		expect(twice.body).toEqual({ status: 'live', replayed: true });
	});
});

describe('metrics count what committed', () => {
	/** The metrics once the hub has finished writing what earlier commands published. */
	async function metrics(): Promise<string[]> {
		let last = await readMetrics();
		for (;;) {
			await new Promise((r) => setTimeout(r, 250));
			const now = await readMetrics();
			if (JSON.stringify(now) === JSON.stringify(last)) return now;
			last = now;
		}
	}

	async function readMetrics(): Promise<string[]> {
		const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
		expect(res.status).toBe(200);
		// The HTTP counters count every request, the metrics request too; everything else must hold still.
		return (await res.text()).split('\n').filter((line) => line && !line.startsWith('#') && !line.includes('http_request'));
	}

	it('leaves every metric unchanged for a refused vote, and counts one vote that commits', async () => {
		const added = await api('POST', `/api/tables/${f.tableId}/cards`, f.anna, { commandId: cmd(), text: 'Waar stemmen we op?' });
		const cardId = (added.body?.card as { id: string }).id;
		const before = await metrics();
		// The table is still collecting: the vote is refused inside the command, after it was logged.
		const refused = await api('POST', `/api/tables/${f.tableId}/commands`, f.anna, { type: 'vote.cast', commandId: cmd(), cardId });
		expect(refused.status).toBe(409);
		expect(await metrics()).toEqual(before);

		const phase = await api('POST', `/api/tables/${f.tableId}/commands`, f.facilitator, { type: 'phase.set', commandId: cmd(), phase: 'vote' });
		expect(phase.status).toBe(200);
		const votesBefore = votes(await metrics());
		const cast = await api('POST', `/api/tables/${f.tableId}/commands`, f.anna, { type: 'vote.cast', commandId: cmd(), cardId });
		expect(cast.status).toBe(200);
		expect(votes(await metrics())).toBe(votesBefore + 1);
	});

	function votes(lines: string[]): number {
		return Number(lines.find((l) => l.startsWith('denktafel_votes_total'))?.split(' ')[1] ?? 0);
	}
});
