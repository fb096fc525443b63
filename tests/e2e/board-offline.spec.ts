import { expect, test, type WebSocketRoute } from '@playwright/test';
import { addCard, card, cardMenu, expectLive, joinMeeting, prepareMeeting } from './journeys';

test('a card written while the connection is down waits, then arrives once, when it is back', async ({ page, browser }) => {
	const joinUrl = await prepareMeeting(browser, 'Tussen twee zalen', 'Tafel 1');

	// Stand between the page and the server: its live connection and its commands both go down.
	let online = true;
	const open: WebSocketRoute[] = [];
	await page.routeWebSocket(/\/yjs\//, (ws) => {
		if (!online) return void ws.close({ code: 1013, reason: 'offline in this test' });
		ws.connectToServer();
		open.push(ws);
	});
	await page.route('**/api/tables/**', (route) => (online ? route.continue() : route.abort('internetdisconnected')));
	await joinMeeting(page, joinUrl, { name: 'Hanna', partnership: 'Opleiden in het Heuvelland', sector: 'mbo' });
	await expectLive(page);

	const colleague = await (await browser.newContext()).newPage();
	await joinMeeting(colleague, joinUrl, { name: 'Ivo', partnership: 'Opleiden in het Heuvelland', sector: 'po' });
	await expectLive(colleague);

	online = false;
	for (const ws of open.splice(0)) await ws.close({ code: 1013, reason: 'cut' });
	await expect(page.getByRole('status').filter({ hasText: 'Opnieuw verbinden…' })).toBeVisible();
	await addCard(page, 'Geschreven in de lift');
	await expect(card(page, 'Geschreven in de lift')).toContainText('wordt verstuurd…');
	await expect(page.getByText('1 actie wacht op de verbinding')).toBeVisible();
	await expect(card(colleague, 'Geschreven in de lift')).toHaveCount(0);

	online = true;
	await expectLive(page);
	await expect(card(colleague, 'Geschreven in de lift')).toContainText('door Hanna');
	await expect(page.getByText('1 actie wacht op de verbinding')).toHaveCount(0);
	// Sent again with the same command id: one card, not two.
	await expect(card(page, 'Geschreven in de lift')).toHaveCount(1);
	await expect(colleague.getByRole('heading', { name: 'Kaarten (1)' })).toBeVisible();

	// A change made through the card menu while offline waits too; once it went out, no "no connection"
	// alert may stay behind (it used to stay until the page was reloaded).
	online = false;
	for (const ws of open.splice(0)) await ws.close({ code: 1013, reason: 'cut again' });
	await expect(page.getByRole('status').filter({ hasText: 'Opnieuw verbinden…' })).toBeVisible();
	const menu = await cardMenu(page, 'Geschreven in de lift');
	await menu.getByLabel('Tekst van de kaart').fill('Geschreven in de lift, en aangevuld');
	await menu.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByText('1 actie wacht op de verbinding')).toBeVisible();
	online = true;
	await expectLive(page);
	await expect(card(colleague, 'Geschreven in de lift, en aangevuld')).toHaveCount(1);
	await expect(page.getByText('1 actie wacht op de verbinding')).toHaveCount(0);
	await expect(page.getByText(/Geen verbinding/)).toHaveCount(0);
});
