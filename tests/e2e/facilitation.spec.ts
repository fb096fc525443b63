import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { createMeeting, demoFacilitator, expectNoSeriousViolations, joinMeeting, logInAs } from './journeys';

// A facilitator runs three tables through the phases from the dashboard, starts the plenary round,
// the room votes, and the projector (by its token link, no login) shows the ranking live.
// Cards and table votes are set up over the app's HTTP API: clicking them adds nothing here.

test.describe.configure({ timeout: 180_000 });

async function addTable(page: Page, name: string) {
	const section = page.getByRole('region', { name: 'Tafels' });
	const form = section.locator('form[action="?/saveTable"]').last();
	// The add form folds open; after one table it may still be open.
	if (!(await form.getByLabel('Naam', { exact: true }).isVisible())) await section.getByText('Tafel toevoegen', { exact: true }).first().click();
	await form.getByLabel('Naam', { exact: true }).fill(name);
	await form.getByRole('button', { name: 'Tafel toevoegen' }).click();
	await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
}

let n = 0;
const commandId = () => `e2e-facil-${Date.now()}-${++n}`;

/** A participant adds a card at their own table over the API; returns its id. */
async function apiCard(page: Page, tableId: string, text: string): Promise<string> {
	const res = await page.request.post(`/api/tables/${tableId}/cards`, { data: { commandId: commandId(), text } });
	expect(res.status()).toBe(201);
	return ((await res.json()) as { card: { id: string } }).card.id;
}

async function apiVote(page: Page, tableId: string, cardId: string) {
	const res = await page.request.post(`/api/tables/${tableId}/commands`, { data: { commandId: commandId(), type: 'vote.cast', cardId } });
	expect(res.status()).toBe(200);
}

/** A screenshot for the report (and for a human eye on the projector's legibility). */
async function snap(testInfo: TestInfo, page: Page, name: string) {
	await testInfo.attach(name, { body: await page.screenshot({ path: testInfo.outputPath(`${name}.png`) }), contentType: 'image/png' });
}

const tile = (page: Page, table: string) => page.getByRole('region', { name: table, exact: true });
const figure = (page: Page, table: string, term: string) => tile(page, table).locator('dt', { hasText: term }).locator('+ dd');
const phaseOf = (page: Page) => page.getByRole('navigation', { name: 'Fasen van het bord' }).locator('[aria-current="step"]');

test('a facilitator runs three tables from the dashboard, then the room votes in the plenary round', async ({ browser }, testInfo) => {
	const facilitator = await (await browser.newContext()).newPage();
	await logInAs(facilitator, demoFacilitator());
	const joinUrl = await createMeeting(facilitator, 'De hele zaal samen', 'Tafel A');
	const meetingUrl = facilitator.url();
	const meetingId = meetingUrl.split('/meetings/')[1];
	await addTable(facilitator, 'Tafel B');
	await addTable(facilitator, 'Tafel C');
	await facilitator.getByRole('button', { name: 'Projectorlink maken' }).click();
	const projectorUrl = await facilitator.getByLabel('Projectorlink', { exact: true }).inputValue();

	// Three program leaders join; newcomers go to the emptiest table, so one sits at each.
	const people: Array<{ page: Page; tableId: string; table: string }> = [];
	for (const [i, name] of ['Anna de Vries', 'Bram Jansen', 'Cas Smit'].entries()) {
		const page = await (await browser.newContext()).newPage();
		await joinMeeting(page, joinUrl, { name, partnership: 'Partnerschap IJsselkracht', sector: (['po', 'vo', 'mbo'] as const)[i] });
		const table = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
		people.push({ page, tableId: page.url().split('/tables/')[1], table });
	}
	expect(people.map((p) => p.table).sort()).toEqual(['Tafel A', 'Tafel B', 'Tafel C']);
	const at = (table: string) => people.find((p) => p.table === table)!;
	const [a, b, c] = ['Tafel A', 'Tafel B', 'Tafel C'].map(at);
	const cards: Record<string, string> = {};
	for (const [who, texts] of [
		[a, ['Wie houdt de regie op kwaliteit?', 'Hoe delen we de kosten?']],
		[b, ['Waar zit het partnerschap in de regio?', 'Welke rol krijgt het mbo?']],
		[c, ['Hoe blijven scholen betrokken?', 'Wat doen we met de subsidie?']]
	] as const) {
		for (const text of texts) cards[text] = await apiCard(who.page, who.tableId, text);
	}

	// The dashboard, from the meeting's navigation: every table live with its figures.
	await facilitator.goto(meetingUrl);
	await facilitator.getByRole('navigation', { name: 'Deze opdenksessie' }).getByRole('link', { name: 'Dashboard' }).click();
	await expect(facilitator.getByRole('heading', { level: 1, name: 'Dashboard van alle tafels' })).toBeVisible();
	await expect(facilitator.getByText('Live verbonden')).toBeVisible();
	for (const table of ['Tafel A', 'Tafel B', 'Tafel C']) {
		await expect(figure(facilitator, table, 'Aan tafel')).toHaveText('1');
		await expect(figure(facilitator, table, 'Nu verbonden')).toHaveText('1');
		await expect(figure(facilitator, table, 'Kaarten')).toHaveText('2');
		await expect(figure(facilitator, table, 'Fase')).toHaveText('Verzamelen');
		await expect(figure(facilitator, table, 'Laatste kaart')).toHaveText('zojuist');
	}
	await expect(facilitator.getByText('Alle tafels zijn aan het werk.')).toBeVisible();
	// A card added now shows at once (the facilitation room is live).
	cards['Wie betaalt de begeleiding?'] = await apiCard(a.page, a.tableId, 'Wie betaalt de begeleiding?');
	await expect(figure(facilitator, 'Tafel A', 'Kaarten')).toHaveText('3');
	await expectNoSeriousViolations(facilitator);

	// All tables on together, with a timer; then one table alone; then the others catch up.
	await facilitator.getByLabel('Timer (minuten, optioneel)').fill('5');
	await facilitator.getByRole('button', { name: 'Alle tafels naar Clusteren' }).click();
	for (const table of ['Tafel A', 'Tafel B', 'Tafel C']) {
		await expect(figure(facilitator, table, 'Fase')).toHaveText('Clusteren');
		await expect(figure(facilitator, table, 'Tijd over')).toHaveText(/^[45]:\d\d/);
	}
	await expect(phaseOf(b.page)).toHaveText('Clusteren');
	await facilitator.getByRole('button', { name: 'Tafel A naar Stemmen' }).click();
	await expect(figure(facilitator, 'Tafel A', 'Fase')).toHaveText('Stemmen');
	await expect(figure(facilitator, 'Tafel B', 'Fase')).toHaveText('Clusteren');
	await expect(phaseOf(a.page)).toHaveText('Stemmen');
	await expect(phaseOf(c.page)).toHaveText('Clusteren');
	await facilitator.getByRole('button', { name: 'Alle tafels naar Stemmen' }).click();
	for (const table of ['Tafel B', 'Tafel C']) await expect(figure(facilitator, table, 'Fase')).toHaveText('Stemmen');
	await expect(phaseOf(c.page)).toHaveText('Stemmen');

	// A message to one table reaches that table only.
	await facilitator.getByLabel('Bericht (hoogstens 280 tekens)').fill('Tafel B: nog twee minuten.');
	await facilitator.getByLabel('Aan', { exact: true }).selectOption({ label: 'Tafel B' });
	await facilitator.getByRole('button', { name: 'Versturen' }).click();
	await expect(b.page.getByText('Tafel B: nog twee minuten.')).toBeVisible();
	await expect(a.page.getByText('Tafel B: nog twee minuten.')).toHaveCount(0);

	// Table votes: one dot for one card at A and at B; Tafel C leaves its two cards tied at zero.
	await apiVote(a.page, a.tableId, cards['Wie houdt de regie op kwaliteit?']);
	await apiVote(b.page, b.tableId, cards['Waar zit het partnerschap in de regio?']);
	await expect(figure(facilitator, 'Tafel A', 'Stemmen uitgebracht')).toHaveText('1');
	await expect(figure(facilitator, 'Tafel A', 'Stemmen over')).toHaveText('2');
	await snap(testInfo, facilitator, 'dashboard');
	await facilitator.getByRole('button', { name: 'Alle tafels naar Bespreken' }).click();
	for (const table of ['Tafel A', 'Tafel B', 'Tafel C']) await expect(figure(facilitator, table, 'Fase')).toHaveText('Bespreken');

	// The plenary round: the top one of each table, ties included (Tafel C sends both).
	await facilitator.getByRole('navigation', { name: 'Deze opdenksessie' }).getByRole('link', { name: 'Plenaire ronde' }).click();
	await facilitator.getByLabel('Aantal per tafel').fill('1');
	await facilitator.getByLabel('Stemmen per deelnemer').fill('3');
	await facilitator.getByRole('button', { name: 'Plenaire ronde starten' }).click();
	const board = facilitator.getByRole('list', { name: /Op het plenaire bord/ });
	await expect(board.getByRole('article')).toHaveCount(4);
	const tied = board.getByRole('article', { name: 'Hoe blijven scholen betrokken?' });
	await expect(tied.getByText('Van Tafel C: plaats 1 met 0 stemmen')).toBeVisible();
	await expectNoSeriousViolations(facilitator);
	// Grouping a duplicate: one item with the other's label under it.
	await board.getByRole('form', { name: 'Samenvoegen: Wat doen we met de subsidie?' }).getByLabel('Samenvoegen met').selectOption({ label: 'Hoe blijven scholen betrokken?' });
	await board.getByRole('form', { name: 'Samenvoegen: Wat doen we met de subsidie?' }).getByRole('button', { name: 'Samenvoegen' }).click();
	await expect(board.getByRole('article')).toHaveCount(3);
	await expect(tied.getByText('Samengevoegd: Wat doen we met de subsidie? (Tafel C)')).toBeVisible();
	// The vote opens with a fresh budget of two.
	await facilitator.getByLabel('Stemmen per deelnemer').fill('2');
	await facilitator.getByRole('button', { name: 'Stemming openen' }).click();
	await expect(facilitator.getByText('Nu: De zaal stemt · 2 stemmen per deelnemer')).toBeVisible();

	// The projector, by its token link without a login, follows its own navigation to the ranking.
	const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
	await projector.goto(projectorUrl);
	await projector.getByRole('link', { name: 'Plenaire ranking' }).click();
	await expect(projector.getByRole('heading', { level: 1, name: 'Plenaire ranking' })).toBeVisible();
	const rows = projector.getByRole('table').getByRole('row');
	await expect(rows).toHaveCount(4);
	await expectNoSeriousViolations(projector);

	// Anna votes on her phone to the end of her budget; the next vote is disabled.
	const phone = a.page;
	await phone.setViewportSize({ width: 390, height: 844 });
	await phone.goto(`/tables/${a.tableId}`);
	await phone.getByRole('link', { name: 'Plenaire stemming' }).click();
	await expect(phone.getByText('Je hebt nog 2 van 2 stemmen')).toBeVisible();
	await expectNoSeriousViolations(phone);
	await phone.getByRole('button', { name: 'Stem op Waar zit het partnerschap in de regio?' }).click();
	await expect(phone.getByText('Je hebt nog 1 van 2 stemmen')).toBeVisible();
	await phone.getByRole('button', { name: 'Stem op Waar zit het partnerschap in de regio?' }).click();
	await expect(phone.getByText('Je hebt nog 0 van 2 stemmen')).toBeVisible();
	for (const button of await phone.getByRole('button', { name: /^Stem op / }).all()) await expect(button).toBeDisabled();
	// Taking one back frees a vote.
	await phone.getByRole('button', { name: 'Stem terug van Waar zit het partnerschap in de regio?' }).click();
	await expect(phone.getByText('Je hebt nog 1 van 2 stemmen')).toBeVisible();
	// Without JavaScript the page says voting needs it, and shows no buttons that would do nothing.
	const noScript = await (await browser.newContext({ javaScriptEnabled: false, storageState: await phone.context().storageState() })).newPage();
	await noScript.goto(`/meetings/${meetingId}/plenary`);
	await expect(noScript.getByText('Stemmen gaat met JavaScript.', { exact: false })).toBeVisible();
	await expect(noScript.getByRole('article', { name: 'Hoe blijven scholen betrokken?' })).toBeVisible();
	await expect(noScript.getByRole('button', { name: /^Stem / })).toHaveCount(0);
	await noScript.context().close();

	// Bram and Cas vote; the ranking on the wall follows live, grouped items as one, ties sharing a rank.
	for (const who of [b, c]) await who.page.goto(`/meetings/${meetingId}/plenary`);
	await b.page.getByRole('button', { name: 'Stem op Hoe blijven scholen betrokken?' }).click();
	await expect(b.page.getByText('Je hebt nog 1 van 2 stemmen')).toBeVisible();
	await c.page.getByRole('button', { name: 'Stem op Hoe blijven scholen betrokken?' }).click();
	await expect(c.page.getByText('Je hebt nog 1 van 2 stemmen')).toBeVisible();
	await expect(rows.nth(1)).toHaveText(/^1\s*Hoe blijven scholen betrokken\?.*Wat doen we met de subsidie\?.*Tafel C.*2$/s);
	await expect(rows.nth(2)).toHaveText(/^2\s*Waar zit het partnerschap in de regio\?.*1$/s);
	await c.page.getByRole('button', { name: 'Stem op Waar zit het partnerschap in de regio?' }).click();
	await expect(rows.nth(1)).toHaveText(/^1 \(gedeeld\).*2$/s);
	await expect(rows.nth(2)).toHaveText(/^1 \(gedeeld\).*2$/s);
	await expect(rows.nth(3)).toHaveText(/^3\s*Wie houdt de regie op kwaliteit\?.*0$/s);
	await snap(testInfo, projector, 'projector-plenary');
	await snap(testInfo, b.page, 'participant-plenary');
	await snap(testInfo, facilitator, 'facilitator-plenary');

	// Closing the vote shows everywhere; reopened, it goes on.
	await facilitator.getByRole('button', { name: 'Stemming sluiten' }).click();
	await expect(projector.getByText('Stemmen gesloten')).toBeVisible();
	await expect(b.page.getByText('Het stemmen is gesloten. Bedankt!')).toBeVisible();
	await expect(b.page.getByRole('button', { name: /^Stem op / }).first()).toBeDisabled();
	await facilitator.getByRole('button', { name: 'Stemming heropenen' }).click();
	await expect(b.page.getByRole('button', { name: /^Stem op / }).first()).toBeEnabled();

	// The boards on the projector, by the same token: all side by side, and one alone.
	await projector.getByRole('link', { name: 'Alle tafels' }).click();
	for (const table of ['Tafel A', 'Tafel B', 'Tafel C']) {
		await expect(projector.getByRole('region', { name: table })).toContainText('Fase: Bespreken');
	}
	await expect(projector.getByRole('region', { name: 'Tafel A' })).toContainText('Wie houdt de regie op kwaliteit? stemmen: 1');
	await snap(testInfo, projector, 'projector-tables');
	await expectNoSeriousViolations(projector);
	await projector.getByRole('link', { name: 'Tafel B', exact: true }).click();
	await expect(projector.getByRole('heading', { level: 1, name: 'Tafel B' })).toBeVisible();
	await expect(projector.getByText('Welke rol krijgt het mbo?')).toBeVisible();
	await snap(testInfo, projector, 'projector-table');
	await expectNoSeriousViolations(projector);

	// Once the meeting is closed, the open phone says so kindly and shows the outcome, not a refused connection.
	const closed = await facilitator.request.post(`/api/meetings/${meetingId}/status`, { data: { commandId: commandId(), action: 'close' } });
	expect(closed.status()).toBe(200);
	await expect(b.page.getByRole('heading', { name: 'De opdenksessie is afgesloten' })).toBeVisible();
	await expect(b.page.getByText('De begeleider deelt het verslag', { exact: false })).toBeVisible();
	await expect(b.page.getByText('Geen live verbinding', { exact: false })).toHaveCount(0);
	await expect(b.page.getByRole('button', { name: /^Stem / })).toHaveCount(0);
	await expect(b.page.getByRole('article', { name: 'Hoe blijven scholen betrokken?' })).toContainText('2 stemmen in de zaal');
	await expectNoSeriousViolations(b.page);
	await snap(testInfo, b.page, 'participant-plenary-closed');
	// A reload says the same.
	await b.page.reload();
	await expect(b.page.getByRole('heading', { name: 'De opdenksessie is afgesloten' })).toBeVisible();
});
