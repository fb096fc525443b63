import { expect, test, type Page } from '@playwright/test';
import { addCard, card, createMeeting, demoFacilitator, expectLive, expectNoSeriousViolations, joinMeeting, logInAs } from './journeys';

// The facilitator takes a table back to an earlier moment (everyone's board follows) and undoes that;
// a participant undoes their own card; answers picked from the poll become cards at a chosen table.

test.describe.configure({ timeout: 120_000 });

const cardsHeading = (page: Page, count: number) => page.getByRole('heading', { name: `Kaarten (${count})` });

test('history, restore and undo at a table; poll answers picked onto a board', async ({ browser }) => {
	const facilitator = await (await browser.newContext()).newPage();
	await logInAs(facilitator, demoFacilitator());
	const joinUrl = await createMeeting(facilitator, 'Terug in de tijd', 'Tafel Terug');
	await facilitator.getByRole('link', { name: 'Tafel Terug' }).click();

	const anna = await (await browser.newContext()).newPage();
	await joinMeeting(anna, joinUrl, { name: 'Anna de Vries', partnership: 'Partnerschap IJsselkracht', sector: 'po' });
	await expectLive(anna);

	// A participant takes back her own last card.
	await addCard(anna, 'Eerste vraag');
	await expect(card(anna, 'Eerste vraag')).toBeVisible();
	await addCard(anna, 'Tweede vraag');
	await addCard(anna, 'Per ongeluk');
	await expect(cardsHeading(anna, 3)).toBeVisible();
	await anna.getByRole('button', { name: 'Mijn laatste actie ongedaan maken' }).click();
	await expect(anna.getByRole('status').filter({ hasText: 'Ongedaan gemaakt: Kaart toegevoegd.' })).toBeVisible();
	await expect(cardsHeading(anna, 2)).toBeVisible();
	await expect(card(anna, 'Per ongeluk')).toHaveCount(0);

	// The facilitator looks at the board just after the first card and restores it, by keyboard.
	await facilitator.getByRole('link', { name: 'Geschiedenis van dit bord' }).click();
	await expect(facilitator.getByRole('heading', { level: 1, name: 'Geschiedenis van Tafel Terug' })).toBeVisible();
	const timeline = facilitator.getByRole('region', { name: 'Tijdlijn' });
	await expect(timeline.getByRole('listitem').filter({ hasText: 'Ongedaan gemaakt: Kaart toegevoegd: “Per ongeluk”' })).toContainText('Anna de Vries');
	await timeline.getByRole('listitem').filter({ hasText: 'Kaart toegevoegd: “Eerste vraag”' }).getByRole('link', { name: /^Bord na deze stap bekijken: \d\d:\d\d:\d\d, Kaart toegevoegd$/ }).click();
	const moment = facilitator.getByRole('region', { name: /^Het bord om \d\d:\d\d:\d\d$/ });
	await expect(moment.getByText('Eerste vraag')).toBeVisible();
	await expect(moment.getByText('Tweede vraag')).toHaveCount(0);
	await expectNoSeriousViolations(facilitator);
	await moment.getByRole('button', { name: 'Bord terugzetten naar dit moment' }).focus();
	await facilitator.keyboard.press('Enter');
	await expect(facilitator.getByRole('status').filter({ hasText: /Het bord is teruggezet naar \d\d:\d\d:\d\d\./ })).toBeVisible();

	// Anna's open board shows exactly that board, live; her own undo is now refused, with the reason.
	await expect(cardsHeading(anna, 1)).toBeVisible();
	await expect(card(anna, 'Eerste vraag')).toBeVisible();
	await expect(card(anna, 'Tweede vraag')).toHaveCount(0);
	await anna.getByRole('button', { name: 'Mijn laatste actie ongedaan maken' }).click();
	await expect(anna.getByRole('alert').filter({ hasText: 'Dit is intussen door iemand anders veranderd' })).toBeVisible();

	// The facilitator undoes the restore: the second card is back for Anna.
	await facilitator.getByRole('button', { name: 'Terugzetten ongedaan maken' }).first().click();
	await expect(facilitator.getByRole('status').filter({ hasText: 'Het terugzetten is ongedaan gemaakt.' })).toBeVisible();
	await expect(cardsHeading(anna, 2)).toBeVisible();
	// Hers again, as before the restore: she can edit and withdraw it.
	await expect(card(anna, 'Tweede vraag')).toContainText('Jouw kaart');

	// "Back to a time": the current minute shows the board as it is now.
	const now = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.now());
	await facilitator.getByLabel('Tijd', { exact: true }).fill(now);
	await facilitator.getByRole('button', { name: 'Bord op dat tijdstip tonen' }).click();
	await expect(facilitator.getByText('Zo staat het bord nu.')).toBeVisible();

	// From poll to board, in the demo meeting full of answers: one open answer and one explanation.
	await facilitator.goto('/meetings');
	await facilitator.getByRole('link', { name: 'Voorbeeld: opdenksessie met antwoorden' }).first().click();
	await facilitator.getByRole('link', { name: 'Pollresultaten' }).first().click();
	await facilitator.getByRole('link', { name: 'Antwoorden als kaarten op een bord zetten' }).click();
	await expect(facilitator.getByRole('heading', { level: 1, name: 'Van poll naar bord' })).toBeVisible();
	await expectNoSeriousViolations(facilitator);

	// Nothing chosen yet: a message, not an error page.
	await facilitator.getByRole('button', { name: 'Gekozen antwoorden als kaarten plaatsen' }).click();
	await expect(facilitator.getByRole('alert')).toContainText('Kies ten minste één antwoord.');

	const picks = [
		facilitator.getByRole('group', { name: /^Antwoorden op:/ }).first().getByRole('checkbox').first(),
		facilitator.getByRole('group', { name: /^Toelichtingen bij:/ }).first().getByRole('checkbox').first()
	];
	const texts = await Promise.all(picks.map((p) => p.evaluate((el) => el.closest('label')!.querySelector('.answer')!.textContent!.trim())));
	await picks[0].focus();
	await facilitator.keyboard.press('Space');
	await picks[1].check();
	const tableName = (await facilitator.getByLabel('Naar tafel').locator('option').nth(1).textContent())!.trim();
	await facilitator.getByLabel('Naar tafel').selectOption({ label: tableName });
	await facilitator.getByLabel('Thema (optioneel)').selectOption({ label: 'Kwaliteit' });
	await facilitator.getByRole('button', { name: 'Gekozen antwoorden als kaarten plaatsen' }).click();
	const created = facilitator.getByRole('status').filter({ hasText: `2 kaarten gemaakt aan ${tableName}:` });
	await expect(created).toBeVisible();
	for (const text of texts) await expect(created.getByRole('listitem').filter({ hasText: text.slice(0, 40) })).toBeVisible();

	await created.getByRole('link', { name: `Naar het bord van ${tableName}` }).click();
	const quality = facilitator.getByRole('region', { name: 'Kwaliteit', exact: true });
	for (const text of texts) await expect(quality.getByRole('article', { name: text }).first()).toBeVisible();
});
