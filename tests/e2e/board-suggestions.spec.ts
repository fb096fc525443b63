import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { addCard, card, createMeeting, demoFacilitator, expectLive, expectNoSeriousViolations, joinMeeting, logInAs } from './journeys';

// Theme suggestions played through: a facilitator and two participants, cards written, the cluster
// phase; every unsorted card shows its suggestion with the reason (or an honest doubt), one is
// accepted by a tap, one by the A key, the facilitator accepts the rest at once and undoes it.

const FINANCE = 'Wie betaalt de uren van de werkplekbegeleiders als de subsidie stopt?';
const QUALITY = 'Hoe borgen we de kwaliteit van de begeleiding op de werkvloer?';
const GOVERNANCE = 'Wie beslist er over de samenwerking tussen de partners in de stuurgroep?';
const FINANCE_2 = 'Hoe verdelen we het budget van de regio over de besturen?';
const VAGUE = 'Wat vinden we hiervan?';
const ALIKE_1 = 'Subsidie samen opleiden loopt af';
const ALIKE_2 = 'De subsidie voor samen opleiden loopt af!';
const LEARN = ['Wie organiseert de ouderavond?', 'Organiseren we samen de ouderavond?'];
const LEARNED = 'Hoe organiseren we de ouderavond voor de nieuwe instroom?';
const INCLUSION = 'Hoe maken we de opleiding toegankelijk voor studenten met een beperking?';

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const suggestionOf = (page: Page, text: string) => card(page, text).locator('.suggestion');

async function shoot(page: Page, name: string) {
	await test.info().attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
	await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

async function seed(browser: Browser) {
	const contexts: BrowserContext[] = [];
	const open = async (viewport = { width: 1366, height: 900 }) => {
		const context = await browser.newContext({ viewport });
		contexts.push(context);
		return context.newPage();
	};
	const facilitator = await open();
	await logInAs(facilitator, demoFacilitator());
	const joinUrl = await createMeeting(facilitator, `Suggesties ${Date.now()}`, 'Tafel Regio');
	const anna = await open({ width: 390, height: 844 });
	await joinMeeting(anna, joinUrl, { name: 'Anna de Vries', partnership: 'Partnerschap IJsselkracht', sector: 'po' });
	const bram = await open();
	await joinMeeting(bram, joinUrl, { name: 'Bram Jansen', partnership: 'Kennisnetwerk Maasterras', sector: 'vo' });
	const tableUrl = new URL(anna.url()).pathname;
	const tableId = tableUrl.split('/').at(-1)!;
	const command = async (page: Page, body: Record<string, unknown>) => {
		const response = await page.request.post(`/api/tables/${tableId}/commands`, {
			data: { commandId: `e2e-${crypto.randomUUID()}`, ...body },
			headers: { origin: new URL(page.url()).origin }
		});
		expect(response.ok(), `${String(body.type)}: ${await response.text()}`).toBe(true);
	};
	return { facilitator, anna, bram, tableUrl, command, close: async () => Promise.all(contexts.map((c) => c.close())) };
}

test('suggestions with reasons, accepted by tap, by key and all at once, and undone', async ({ browser }) => {
	test.setTimeout(150_000);
	const { facilitator, anna, bram, tableUrl, command, close } = await seed(browser);
	await expectLive(anna);
	await addCard(anna, FINANCE);
	await expect(card(anna, FINANCE)).toBeVisible();
	await expectLive(bram);
	await addCard(bram, QUALITY);
	await expect(card(bram, QUALITY)).toBeVisible();
	for (const text of [GOVERNANCE, FINANCE_2]) await command(bram, { type: 'card.add', text });
	await command(anna, { type: 'card.add', text: VAGUE });
	await facilitator.goto(tableUrl);
	await expectLive(facilitator);
	await command(facilitator, { type: 'phase.set', phase: 'cluster' });

	// Everyone sees the suggestion and why, under every unsorted card.
	for (const page of [anna, bram, facilitator]) {
		await expect(suggestionOf(page, FINANCE)).toContainText(/Financiën — herkend: .*(betaalt|subsidie)/);
		await expect(suggestionOf(page, QUALITY)).toContainText(/Kwaliteit — herkend: /);
		await expect(suggestionOf(page, VAGUE)).toContainText(/geen themawoorden herkend|twijfel tussen/);
		await expect(suggestionOf(page, VAGUE).getByRole('button')).toHaveCount(0);
	}
	await shoot(anna, 'suggestions-phone-390');
	await shoot(facilitator, 'suggestions-facilitator-1366');
	await expectNoSeriousViolations(anna);
	await expectNoSeriousViolations(facilitator);

	// One tap on a phone: an ordinary move, shown to the others.
	await anna.getByRole('button', { name: `Accepteer Financiën voor: ${FINANCE}` }).click();
	await expect(column(bram, 'Financiën').getByRole('article', { name: FINANCE })).toBeVisible();

	// One key on a focused card.
	await card(bram, QUALITY).focus();
	await bram.keyboard.press('a');
	await expect(column(facilitator, 'Kwaliteit').getByRole('article', { name: QUALITY })).toBeVisible();

	// Bram takes his move back: undo works on an accepted suggestion like on any move.
	await bram.getByRole('button', { name: 'Mijn laatste actie ongedaan maken' }).first().click();
	await expect(column(facilitator, 'Nog niet ingedeeld').getByRole('article', { name: QUALITY })).toBeVisible();

	// The facilitator accepts all confident suggestions at once: Quality, Governance and Finance 2.
	const acceptAll = facilitator.getByRole('button', { name: /^Accepteer alle zekere suggesties \(3\)$/ });
	await expect(acceptAll).toBeVisible();
	await acceptAll.click();
	await expect(facilitator.getByText('3 kaarten ingedeeld volgens de suggesties.')).toBeVisible();
	for (const [theme, text] of [['Kwaliteit', QUALITY], ['Governance', GOVERNANCE], ['Financiën', FINANCE_2]]) {
		await expect(column(bram, theme).getByRole('article', { name: text })).toBeVisible();
	}
	await expect(column(bram, 'Nog niet ingedeeld').getByRole('article', { name: VAGUE })).toBeVisible();
	await shoot(facilitator, 'suggestions-accepted-1366');

	// One undo takes the whole accept-all back.
	await facilitator.getByRole('button', { name: 'Mijn laatste actie ongedaan maken' }).first().click();
	for (const text of [QUALITY, GOVERNANCE, FINANCE_2]) {
		await expect(column(bram, 'Nog niet ingedeeld').getByRole('article', { name: text })).toBeVisible();
	}
	await expect(column(bram, 'Financiën').getByRole('article', { name: FINANCE })).toBeVisible();

	// Two cards that say nearly the same thing: the menu's duplicate list shows the look-alike first, marked.
	await command(facilitator, { type: 'phase.set', phase: 'collect' });
	await command(bram, { type: 'card.add', text: ALIKE_1 });
	await command(bram, { type: 'card.add', text: ALIKE_2 });
	await command(facilitator, { type: 'phase.set', phase: 'cluster' });
	await expect(suggestionOf(bram, ALIKE_2)).toBeVisible();
	await bram.getByRole('button', { name: `Acties voor kaart: ${ALIKE_2}` }).click();
	const menu = bram.getByRole('dialog', { name: 'Wat wil je met deze kaart?' });
	const first = menu.locator('.candidates li').first();
	await expect(first.getByRole('button', { name: `Dubbel van: ${ALIKE_1}`, exact: true })).toBeVisible();
	await expect(first).toContainText(/Lijken op elkaar — gedeelde woorden: .*subsidie/i);
	await shoot(bram, 'duplicate-hint-1366');
	await expectNoSeriousViolations(bram);
	await menu.getByRole('button', { name: 'Sluiten' }).click();

	// The facilitator adds a theme with a few words on the meeting page; it is suggested at once.
	const board = facilitator.url();
	await facilitator.getByRole('link', { name: 'Naar het overzicht van deze opdenksessie' }).click();
	await facilitator.getByText('Thema toevoegen', { exact: true }).first().click();
	const form = facilitator.locator('form[action="?/saveTheme"]').last();
	await form.getByLabel('Naam van het thema').fill('Inclusie');
	await form.getByLabel('Korte beschrijving').fill('Gelijke kansen voor iedere student');
	await form.getByLabel('Themawoorden').fill('diversiteit, kansengelijkheid, toegankelijk, beperking');
	await form.getByRole('button', { name: 'Thema toevoegen' }).click();
	await expect(facilitator.getByText('Inclusie', { exact: true })).toBeVisible();
	await command(facilitator, { type: 'phase.set', phase: 'collect' });
	await command(anna, { type: 'card.add', text: INCLUSION });
	await command(facilitator, { type: 'phase.set', phase: 'cluster' });
	await facilitator.goto(board);
	await expect(suggestionOf(facilitator, INCLUSION)).toContainText(/^Suggestie:\s*Inclusie — herkend: .*toegankelijk/);
	await expect(suggestionOf(anna, INCLUSION)).toContainText(/Inclusie — herkend: /);

	// Learning: Bram sorts two cards by number key into Governance, against the board's suggestion;
	// a third card like them is now suggested there, and the reason says it was learned.
	await command(facilitator, { type: 'phase.set', phase: 'collect' });
	for (const text of LEARN) await command(bram, { type: 'card.add', text });
	await command(facilitator, { type: 'phase.set', phase: 'cluster' });
	for (const text of LEARN) {
		await expect(suggestionOf(bram, text)).toBeVisible();
		await card(bram, text).focus();
		await bram.keyboard.press('1');
		await expect(column(facilitator, 'Governance').getByRole('article', { name: text })).toBeVisible();
	}
	await command(facilitator, { type: 'phase.set', phase: 'collect' });
	await command(bram, { type: 'card.add', text: LEARNED });
	await command(facilitator, { type: 'phase.set', phase: 'cluster' });
	await expect(suggestionOf(bram, LEARNED)).toContainText('geleerd in deze sessie');
	await close();
});
