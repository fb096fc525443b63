import { expect, test, type Page } from '@playwright/test';
import { createMeeting, demoFacilitator, expectNoSeriousViolations, fillJoinForm, logInAs } from './journeys';

// The facilitator runs the boards of a whole meeting: settings, phases of all tables, seating, messages,
// all boards side by side; participants choose a table while that is allowed, and are seated otherwise.

test.describe.configure({ timeout: 120_000 });

async function addTable(page: Page, name: string, maxSize = '') {
	const section = page.getByRole('region', { name: 'Tafels' });
	await section.getByText('Tafel toevoegen', { exact: true }).first().click();
	const form = section.locator('form[action="?/saveTable"]').last();
	await form.getByLabel('Naam', { exact: true }).fill(name);
	if (maxSize) await form.getByLabel('Maximaal aantal deelnemers').fill(maxSize);
	await form.getByRole('button', { name: 'Tafel toevoegen' }).click();
	await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
}

test('the facilitator sets up and moves the boards of all tables; participants choose, or are seated', async ({ browser }) => {
	const facilitator = await (await browser.newContext()).newPage();
	await logInAs(facilitator, demoFacilitator());
	const joinUrl = await createMeeting(facilitator, 'Hele zaal in beweging', 'Tafel A');
	const meetingUrl = facilitator.url();
	await addTable(facilitator, 'Tafel B', '1');

	// Settings persist.
	const settings = facilitator.getByRole('form', { name: 'Stemmen en kaarten' });
	await settings.getByLabel('Stemmen per deelnemer').fill('4');
	await settings.getByLabel('Hoogstens per kaart').fill('1');
	await settings.getByLabel('Deelnemers zien de stemmen al tijdens het stemmen').check();
	await settings.getByRole('button', { name: 'Instellingen opslaan' }).click();
	await expect(facilitator.getByText('De instellingen zijn opgeslagen.')).toBeVisible();
	await facilitator.reload();
	await expect(settings.getByLabel('Stemmen per deelnemer')).toHaveValue('4');
	await expect(settings.getByLabel('Hoogstens per kaart')).toHaveValue('1');
	await expect(settings.getByLabel('Deelnemers zien de stemmen al tijdens het stemmen')).toBeChecked();
	await expectNoSeriousViolations(facilitator);

	// The facilitator lets participants choose: newcomers are not seated for them but pick a table
	// right after joining; with a maximum of one at Tafel B, the second to try cannot sit there.
	await settings.getByLabel('Deelnemers kiezen zelf hun tafel').check();
	await settings.getByRole('button', { name: 'Instellingen opslaan' }).click();
	await expect(facilitator.getByText('De instellingen zijn opgeslagen.')).toBeVisible();
	const people: Page[] = [];
	for (const [i, name] of ['Anna de Vries', 'Bram Jansen', 'Cas Smit'].entries()) {
		const page = await (await browser.newContext()).newPage();
		await page.goto(joinUrl);
		await fillJoinForm(page, { name, partnership: 'Partnerschap IJsselkracht', sector: (['po', 'vo', 'mbo'] as const)[i] });
		await expect(page.getByRole('heading', { level: 1, name: 'Aan welke tafel ga je zitten?' })).toBeVisible();
		people.push(page);
	}
	const [anna, bram, cas] = people;
	const meetingId = meetingUrl.split('/meetings/')[1];
	const choose = async (page: Page) => {
		await page.goto(`/meetings/${meetingId}/tables`);
		await expect(page.getByRole('heading', { level: 1, name: 'Aan welke tafel ga je zitten?' })).toBeVisible();
	};
	await expectNoSeriousViolations(anna);
	await anna.getByRole('button', { name: 'Aan Tafel B gaan zitten' }).click();
	await expect(anna.getByRole('heading', { level: 1, name: 'Tafel B' })).toBeVisible();
	for (const page of [bram, cas]) {
		await choose(page);
		await expect(page.getByRole('button', { name: 'Aan Tafel B gaan zitten' })).toBeDisabled();
		await page.getByRole('button', { name: 'Aan Tafel A gaan zitten' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Tafel A' })).toBeVisible();
	}
	await choose(cas);
	await expect(cas.getByRole('button', { name: 'Aan Tafel B gaan zitten' })).toBeDisabled();

	// All tables to "Clusteren" with a timer; the overview shows it for each table.
	await facilitator.goto(meetingUrl);
	const phaseForm = facilitator.getByRole('form', { name: 'Fase van de tafels' });
	await phaseForm.getByLabel('Nieuwe fase').selectOption({ label: 'Clusteren' });
	await phaseForm.getByLabel('Timer (minuten, optioneel)').fill('5');
	await phaseForm.getByRole('button', { name: 'Fase instellen' }).click();
	await expect(facilitator.getByText('De fase is ingesteld.')).toBeVisible();
	await facilitator.getByRole('link', { name: 'Alle borden naast elkaar' }).click();
	for (const table of ['Tafel A', 'Tafel B']) {
		const summary = facilitator.getByRole('region', { name: table, exact: true });
		await expect(summary.getByRole('navigation', { name: 'Fasen van het bord' }).locator('[aria-current="step"]')).toHaveText('Clusteren');
		await expect(summary.locator('time')).toHaveText(/^[45]:\d\d$/);
	}
	await expectNoSeriousViolations(facilitator);
	await expect(bram.getByRole('navigation', { name: 'Fasen van het bord' }).locator('[aria-current="step"]')).toHaveText('Clusteren');

	// A message reaches the boards.
	await facilitator.goto(meetingUrl);
	const message = facilitator.getByRole('form', { name: 'Bericht aan de tafels' });
	await message.getByLabel('Bericht (hoogstens 280 tekens)').fill('Nog vijf minuten, kies je belangrijkste vraag.');
	await message.getByRole('button', { name: 'Versturen' }).click();
	await expect(bram.getByText('Nog vijf minuten, kies je belangrijkste vraag.')).toBeVisible();

	// The facilitator takes over seating: participants can no longer choose, and get mixed by sector.
	await settings.getByLabel('Deelnemers kiezen zelf hun tafel').uncheck();
	await settings.getByRole('button', { name: 'Instellingen opslaan' }).click();
	await expect(facilitator.getByText('De instellingen zijn opgeslagen.')).toBeVisible();
	await facilitator.getByRole('button', { name: 'Meng sectoren' }).click();
	await expect(facilitator.getByText('De tafels zijn ingedeeld.')).toBeVisible();
	await facilitator.reload();
	const counts = await facilitator
		.getByRole('table', { name: 'De tafels nu' })
		.getByRole('row')
		.filter({ has: facilitator.getByRole('rowheader') })
		.allInnerTexts();
	const seated = counts.map((row) => Number(/(\d+)(?: van \d+)?\s*$/.exec(row.trim())?.[1] ?? -1));
	expect(seated.reduce((a, b) => a + b, 0)).toBe(3);
	expect(Math.max(...seated) - Math.min(...seated)).toBeLessThanOrEqual(2);
	await choose(bram);
	await expect(bram.getByText('De facilitator deelt de tafels in. Dit is jouw tafel.')).toBeVisible();
	await expect(bram.getByRole('button', { name: /gaan zitten/ })).toHaveCount(0);
});
