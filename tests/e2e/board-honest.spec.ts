import { expect, test, type Page } from '@playwright/test';
import { seedBusyBoard } from './board-seed';
import { addCard, card, cardMenu, expectLive, joinMeeting } from './journeys';

// What was seen in the try-out, each as a test: counts that jump, controls that do nothing without
// JavaScript, a closed meeting that looks like an error, a reason only in a tooltip, cut-off texts in
// the duplicate menu, messages from an earlier phase.

/**
 * Holds every answer to a board command for a while, as a slow network would: the endpoint's, and the
 * answer frames (type 8) on the table room's socket, which carries the commands while it is open.
 * Set up before the board opens: only sockets opened afterwards pass through the route.
 */
async function delayCommands(page: Page, ms: number) {
	await page.route('**/api/tables/*/commands', async (route) => {
		const response = await route.fetch();
		await new Promise((resolve) => setTimeout(resolve, ms));
		await route.fulfill({ response });
	});
	await page.routeWebSocket(/\/yjs\/table:/, (ws) => {
		const server = ws.connectToServer();
		ws.onMessage((message) => server.send(message));
		server.onMessage((message) => {
			if (typeof message !== 'string' && message[0] === 8) setTimeout(() => ws.send(message), ms);
			else ws.send(message);
		});
	});
}

/** Reads a text many times while `during` runs, so a passing double count is caught. */
async function watch(page: Page, read: () => Promise<string>, during: () => Promise<void>): Promise<string[]> {
	const seen = new Set<string>();
	let busy = true;
	const watcher = (async () => {
		while (busy) {
			seen.add(await read());
			await page.waitForTimeout(25);
		}
	})();
	await during();
	busy = false;
	await watcher;
	return [...seen];
}

test('one +1 counts once and a new card shows once, even when the server answers slowly', async ({ browser }) => {
	test.setTimeout(120_000);
	const busy = await seedBusyBoard(browser, { cards: 12 });
	const anna = busy.people[0];
	await busy.setPhase('vote');
	await delayCommands(anna, 1500);
	await anna.goto(busy.tableUrl);
	await expectLive(anna);
	await expect(anna.getByText('Je hebt nog 3 van 3 stemmen')).toBeVisible();

	const budget = anna.locator('.vote-bar [role=status]');
	const seen = await watch(anna, () => budget.innerText(), async () => {
		await anna.getByRole('button', { name: `Stem op: ${busy.questions[0]}` }).click();
		await anna.waitForTimeout(2500);
	});
	expect(seen.filter((text) => text.includes('1 van 3'))).toEqual([]);
	await expect(budget).toHaveText('Je hebt nog 2 van 3 stemmen');

	await busy.setPhase('collect');
	await expect(anna.getByLabel('Jouw vraag')).toBeVisible();
	const counts = await watch(anna, async () => String(await card(anna, 'Een vraag die één keer hoort te staan').count()), async () => {
		await addCard(anna, 'Een vraag die één keer hoort te staan');
		await anna.waitForTimeout(2500);
	});
	expect(counts).not.toContain('2');
	await expect(card(anna, 'Een vraag die één keer hoort te staan')).toHaveCount(1);
	await busy.close();
});

test('with the budget spent, the board says in words why +1 is off', async ({ browser }) => {
	test.setTimeout(120_000);
	const busy = await seedBusyBoard(browser, { cards: 12 });
	const anna = busy.people[0];
	await busy.setPhase('vote');
	await anna.goto(busy.tableUrl);
	for (const text of busy.questions.slice(0, 3)) await busy.command(anna, { type: 'vote.cast', cardId: await card(anna, text).getAttribute('data-card-id') });
	await anna.reload();
	await expectLive(anna);
	await expect(anna.getByText('Je hebt nog 0 van 3 stemmen')).toBeVisible();
	const reason = 'Je stemmen zijn op, dus +1 staat uit. Wil je een andere kaart kiezen? Neem dan eerst een stem terug met −1.';
	await expect(anna.getByText(reason)).toBeVisible();
	const plusOne = anna.getByRole('button', { name: `Stem op: ${busy.questions[5]}` });
	await expect(plusOne).toBeDisabled();
	await expect(plusOne).toHaveAccessibleDescription(reason);
	await busy.close();
});

test('the duplicate menu shows the whole text of every candidate card', async ({ browser }) => {
	test.setTimeout(120_000);
	const busy = await seedBusyBoard(browser, { cards: 12 });
	const anna = busy.people[0];
	await anna.setViewportSize({ width: 390, height: 844 });
	await anna.goto(busy.tableUrl);
	await expectLive(anna);
	const sheet = await cardMenu(anna, busy.questions[0]);
	// Long questions that start alike ("Hoe zorgen we dat de onderwijsregio …") are told apart in full.
	for (const text of busy.questions.slice(1, 12)) {
		await expect(sheet.getByRole('button', { name: `Dubbel van: ${text}`, exact: true })).toBeVisible();
	}
	await busy.close();
});

test('a facilitator message belongs to the phase it was sent in', async ({ browser }) => {
	test.setTimeout(120_000);
	const busy = await seedBusyBoard(browser, { cards: 12 });
	const anna = busy.people[0];
	await anna.goto(busy.tableUrl);
	await expectLive(anna);
	await busy.meetingCommand({ type: 'tables.message', text: 'Kies nu per thema je twee belangrijkste kaarten.' });
	await expect(anna.getByText('Kies nu per thema je twee belangrijkste kaarten.')).toBeVisible();
	await busy.setPhase('vote');
	await expect(anna.getByText('Je hebt nog 3 van 3 stemmen')).toBeVisible();
	await expect(anna.getByText('Kies nu per thema je twee belangrijkste kaarten.')).toHaveCount(0);
	await anna.reload();
	await expectLive(anna);
	await expect(anna.getByText('Kies nu per thema je twee belangrijkste kaarten.')).toHaveCount(0);
	await busy.close();
});

test('a closed meeting says so kindly on the board and where the outcome goes', async ({ browser }) => {
	test.setTimeout(120_000);
	const busy = await seedBusyBoard(browser, { cards: 12 });
	const anna = busy.people[0];
	await anna.goto(busy.tableUrl);
	await expectLive(anna);
	const closed = await busy.facilitator.request.post(`/api/meetings/${busy.meetingId}/status`, {
		data: { commandId: crypto.randomUUID(), action: 'close' },
		headers: { origin: new URL(busy.facilitator.url()).origin }
	});
	expect(closed.status()).toBe(200);
	await expect(anna.getByText('Deze opdenksessie is afgesloten. Dank je wel voor je bijdrage!')).toBeVisible();
	await expect(anna.getByText('De uitkomsten komen in het verslag')).toBeVisible();
	await expect(anna.getByText('Dit mag je niet bekijken of doen.')).toHaveCount(0);
	await expect(card(anna, busy.questions[0])).toBeVisible();
	await expect(anna.getByRole('button', { name: `Acties voor kaart: ${busy.questions[0]}` })).toHaveCount(0);
	await busy.close();
});

test.describe('without JavaScript', () => {
	test('the board hides what needs JavaScript, says so, and still takes a new card', async ({ browser }) => {
		test.setTimeout(120_000);
		const busy = await seedBusyBoard(browser, { cards: 12 });
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await joinMeeting(page, busy.joinUrl, { name: 'Eva', partnership: 'Opleidingsschool Polderpoort', sector: 'vo' });
		await expect(card(page, busy.questions[0])).toBeVisible();
		const note = 'Zonder JavaScript kun je de kaarten lezen en een vraag toevoegen. Sorteren en stemmen werken alleen met JavaScript aan.';
		await expect(page.getByText(note)).toBeVisible();
		// Cluster phase: no control that would submit an empty form or do nothing.
		await expect(page.getByRole('button', { name: 'Verplaatsen' })).toHaveCount(0);
		await expect(page.getByRole('button', { name: /^Acties voor kaart/ })).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Nieuw cluster' })).toHaveCount(0);
		await busy.setPhase('vote');
		await page.reload();
		await expect(page.getByRole('button', { name: /^Stem op/ })).toHaveCount(0);
		await expect(page.getByText(note)).toBeVisible();
		await busy.setPhase('collect');
		await page.reload();
		await page.getByLabel('Jouw vraag').fill('Werkt dit ook zonder scripts op een druk bord?');
		await page.getByRole('button', { name: 'Kaart toevoegen' }).click();
		await expect(page.getByText('Je kaart is toegevoegd.')).toBeVisible();
		await expect(card(page, 'Werkt dit ook zonder scripts op een druk bord?')).toBeVisible();
		await context.close();
		await busy.close();
	});
});
