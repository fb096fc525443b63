import { expect, test, type WebSocketRoute } from '@playwright/test';
import { addCard, card, expectLive, joinMeeting, prepareMeeting } from './journeys';

test('a dropped connection shows “Opnieuw verbinden…” and the board catches up once it is back', async ({
	page,
	browser
}) => {
	const joinUrl = await prepareMeeting(browser, 'Wankel netwerk', 'Tafel 1');

	// Stand between the page and the hub, so the test can cut the line and restore it.
	let online = true;
	const open: WebSocketRoute[] = [];
	await page.routeWebSocket(/\/yjs\//, (ws) => {
		if (!online) return void ws.close({ code: 1013, reason: 'offline in this test' });
		ws.connectToServer();
		open.push(ws);
	});
	await joinMeeting(page, joinUrl, {
		name: 'Fatima',
		partnership: 'Opleiden in het Heuvelland',
		sector: 'po'
	});
	await expectLive(page);

	online = false;
	for (const ws of open.splice(0)) await ws.close({ code: 1013, reason: 'cut' });
	await expect(page.getByRole('status').filter({ hasText: 'Opnieuw verbinden…' })).toBeVisible();

	const colleague = await (await browser.newContext()).newPage();
	await joinMeeting(colleague, joinUrl, {
		name: 'Gijs',
		partnership: 'Opleiden in het Heuvelland',
		sector: 'po'
	});
	await addCard(colleague, 'Een vraag uit de tijd van de storing');
	await expect(card(colleague, 'Een vraag uit de tijd van de storing')).toBeVisible();
	await expect(card(page, 'Een vraag uit de tijd van de storing')).toHaveCount(0);

	online = true;
	await expectLive(page);
	await expect(card(page, 'Een vraag uit de tijd van de storing')).toContainText('door Gijs');
});
