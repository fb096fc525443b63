import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, tempDataDir, type RunningApp } from '../helpers/app-server.ts';
import { commandId, seedTwoMeetings } from '../helpers/it-fixture.ts';
import { rawSocket, waitFor } from '../helpers/yjs-client.ts';

// The meeting a socket or command names for the proxy (`?meeting=`, X-Denktafel-Meeting) is checked
// against the real room or command in every mode, one process or several: a request must not reach one
// meeting's owner under another meeting's name. Absent is allowed (stock clients, scripts).

let app: RunningApp;
let data: ReturnType<typeof tempDataDir>;
let f: Awaited<ReturnType<typeof seedTwoMeetings>>;
const OTHER = 'bbbbbbbbbbbbbbbb';

beforeAll(async () => {
	data = tempDataDir();
	f = await seedTwoMeetings(data.dbPath);
	app = await startApp(data.dbPath);
});

afterAll(async () => {
	await app?.stop();
	data?.remove();
});

function addCard(text: string, headers: Record<string, string> = {}) {
	return fetch(`${app.url}/api/tables/${f.tableA}/commands`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url, cookie: `denktafel_session=${f.anna.token}`, ...headers },
		body: JSON.stringify({ commandId: commandId(), type: 'card.add', text })
	});
}

describe('the meeting a request names for the proxy', () => {
	it('refuses a socket whose ?meeting= is not its room\'s meeting with 4403, and serves the right one and none', async () => {
		const headers = { cookie: `denktafel_session=${f.anna.token}`, origin: app.url };
		const wrong = rawSocket(`${app.wsUrl}/table:${f.tableA}?meeting=${OTHER}`, headers);
		expect((await wrong.closed).code).toBe(4403);
		for (const query of [`?meeting=${f.meetingA}`, '']) {
			const right = rawSocket(`${app.wsUrl}/table:${f.tableA}${query}`, headers);
			await right.opened;
			await waitFor(() => right.received.length > 0, 5_000, 'the greeting');
			right.ws.close();
		}
	});

	it('refuses a command whose X-Denktafel-Meeting names another meeting with 400, and writes nothing', async () => {
		const wrong = await addCard('Onder een verkeerde naam', { 'x-denktafel-meeting': OTHER });
		expect(wrong.status).toBe(400);
		expect(await wrong.json()).toMatchObject({ error: 'meeting-mismatch' });
		expect((await addCard('Onder de eigen naam', { 'x-denktafel-meeting': f.meetingA })).status).toBe(200);
		expect((await addCard('Zonder naam')).status).toBe(200);
		const res = await fetch(`${app.url}/api/tables/${f.tableA}/cards`, { headers: { cookie: `denktafel_session=${f.anna.token}` } });
		const texts = ((await res.json()) as { cards: Array<{ text: string }> }).cards.map((c) => c.text);
		expect(texts).toContain('Onder de eigen naam');
		expect(texts).not.toContain('Onder een verkeerde naam');
	});
});
