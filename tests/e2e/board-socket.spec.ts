import { expect, test, type Page } from '@playwright/test';
import { seedBusyBoard } from './board-seed';
import { expectLive } from './journeys';

// Commands over the live connection (issue #18): while the table's room socket is open, a vote goes
// as a frame on it, not as a request; with the socket down it goes by HTTP, as before; with no answer
// it waits and goes again under the same command id.

const COMMAND_FRAME = 8;

/** Watches the page's table-room socket: command frames sent, and whether it has synced. */
function watchTableSocket(page: Page) {
	const seen = { commandFrames: 0, synced: false };
	page.on('websocket', (ws) => {
		if (!ws.url().includes('/yjs/table:')) return;
		ws.on('framesent', ({ payload }) => {
			if (typeof payload !== 'string' && payload[0] === COMMAND_FRAME) seen.commandFrames++;
		});
		ws.on('framereceived', ({ payload }) => {
			// Sync step 2: the provider counts as synced from here on.
			if (typeof payload !== 'string' && payload[0] === 0 && payload[1] === 1) seen.synced = true;
		});
	});
	return seen;
}

function commandPosts(page: Page): string[] {
	const posts: string[] = [];
	page.on('request', (request) => {
		if (request.method() === 'POST' && /\/api\/tables\/[^/]+\/commands$/.test(request.url())) posts.push(request.url());
	});
	return posts;
}

test('a vote goes over the open room socket: no command request is made', async ({ browser }) => {
	const busy = await seedBusyBoard(browser, { cards: 12 });
	const anna = busy.people[0];
	await busy.setPhase('vote');
	const socket = watchTableSocket(anna);
	const posts = commandPosts(anna);
	await anna.goto(busy.tableUrl);
	await expectLive(anna);
	await expect.poll(() => socket.synced).toBe(true);
	await expect(anna.getByText('Je hebt nog 3 van 3 stemmen')).toBeVisible();

	await anna.getByRole('button', { name: `Stem op: ${busy.questions[0]}` }).click();
	await expect(anna.getByText('Je hebt nog 2 van 3 stemmen')).toBeVisible();
	expect(socket.commandFrames).toBe(1);
	expect(posts).toEqual([]);
	// The server has it: a fresh page shows the dot from SQL.
	await anna.reload();
	await expect(anna.getByText('Je hebt nog 2 van 3 stemmen')).toBeVisible();
	await busy.close();
});

test('with the room socket down a vote goes by HTTP and counts', async ({ browser }) => {
	const busy = await seedBusyBoard(browser, { cards: 12 });
	const anna = busy.people[0];
	await busy.setPhase('vote');
	// The table's room never opens; the participant's own room does (it shows the dots left).
	await anna.routeWebSocket(/\/yjs\/table:/, (ws) => void ws.close({ code: 1013, reason: 'down in this test' }));
	const socket = watchTableSocket(anna);
	const posts = commandPosts(anna);
	await anna.goto(busy.tableUrl);
	await expect(anna.getByText('Je hebt nog 3 van 3 stemmen')).toBeVisible();

	await anna.getByRole('button', { name: `Stem op: ${busy.questions[0]}` }).click();
	await expect(anna.getByText('Je hebt nog 2 van 3 stemmen')).toBeVisible();
	expect(posts).toHaveLength(1);
	expect(socket.commandFrames).toBe(0);
	await anna.reload();
	await expect(anna.getByText('Je hebt nog 2 van 3 stemmen')).toBeVisible();
	await busy.close();
});

test('a vote whose answer never comes waits, and goes again with the same command id: counted once', async ({ browser }) => {
	const busy = await seedBusyBoard(browser, { cards: 12 });
	const anna = busy.people[0];
	await busy.setPhase('vote');
	// The first command frame is lost on the way (the server never hears of it); the rest pass.
	const sent: string[] = [];
	await anna.routeWebSocket(/\/yjs\/table:/, (ws) => {
		const server = ws.connectToServer();
		ws.onMessage((message) => {
			if (typeof message !== 'string' && message[0] === COMMAND_FRAME) {
				sent.push(message.toString('latin1'));
				if (sent.length === 1) return;
			}
			server.send(message);
		});
	});
	const socket = watchTableSocket(anna);
	const posts = commandPosts(anna);
	await anna.goto(busy.tableUrl);
	await expectLive(anna);
	await expect.poll(() => socket.synced).toBe(true);

	await anna.getByRole('button', { name: `Stem op: ${busy.questions[0]}` }).click();
	await expect(anna.getByText('1 actie wacht op de verbinding')).toBeVisible({ timeout: 10_000 });
	await expect(anna.getByText('1 actie wacht op de verbinding')).toHaveCount(0, { timeout: 15_000 });
	expect(sent.length).toBeGreaterThanOrEqual(2);
	// The same frame both times: the same command id.
	expect(new Set(sent).size).toBe(1);
	expect(posts).toEqual([]);
	await anna.reload();
	await expect(anna.getByText('Je hebt nog 2 van 3 stemmen')).toBeVisible();
	await busy.close();
});
