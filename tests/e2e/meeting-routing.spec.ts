import { expect, test } from '@playwright/test';
import { seedBusyBoard } from './board-seed';
import { expectLive } from './journeys';

// Cluster mode (issue 17): a proxy sends a meeting's traffic to the process that owns it, hashing the
// socket's `?meeting=` or a command's X-Denktafel-Meeting header. The browser must name the meeting on
// every socket it opens and every command it sends by HTTP; the server checks both against the truth.

test('every room socket names its meeting, and a command sent by HTTP carries the meeting header', async ({ browser }) => {
	const busy = await seedBusyBoard(browser, { cards: 12 });
	const anna = busy.people[0];
	await busy.setPhase('vote');
	const sockets: string[] = [];
	anna.on('websocket', (ws) => sockets.push(ws.url()));
	// The table's room stays down, so the vote goes by HTTP (its own room still opens).
	// (A routed socket raises no 'websocket' event: its URL is noted here.)
	await anna.routeWebSocket(/\/yjs\/table:/, (ws) => {
		sockets.push(ws.url());
		void ws.close({ code: 1013, reason: 'down in this test' });
	});
	const headers: Array<string | undefined> = [];
	anna.on('request', (request) => {
		if (request.method() === 'POST' && /\/api\/tables\/[^/]+\/commands$/.test(request.url())) headers.push(request.headers()['x-denktafel-meeting']);
	});
	await anna.goto(busy.tableUrl);
	await expect(anna.getByText('Je hebt nog 3 van 3 stemmen')).toBeVisible();
	await anna.getByRole('button', { name: `Stem op: ${busy.questions[0]}` }).click();
	await expect(anna.getByText('Je hebt nog 2 van 3 stemmen')).toBeVisible();
	expect(headers).toEqual([busy.meetingId]);

	await expect.poll(() => sockets.filter((url) => url.includes('/yjs/participant:')).length).toBeGreaterThan(0);
	expect(sockets.filter((url) => url.includes('/yjs/table:')).length).toBeGreaterThan(0);
	for (const url of sockets) expect(new URL(url).searchParams.get('meeting'), url).toBe(busy.meetingId);

	// The facilitator's board opens the facilitation room too: accepted under the meeting's name.
	await busy.facilitator.goto(busy.tableUrl);
	await expectLive(busy.facilitator);
	await busy.close();
});
