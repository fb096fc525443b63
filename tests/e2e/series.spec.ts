import { expect, test } from '@playwright/test';
import { createMeeting, demoFacilitator, expectNoSeriousViolations, logInAs } from './journeys';

test.describe.configure({ timeout: 90_000 });

test('a facilitator makes a series, puts a meeting in it, and archives and restores it', async ({ page }) => {
	// Unique per run: a retry must not meet the series of the first attempt.
	const title = `Het partnerschap in de onderwijsregio ${Date.now() % 100000}`;
	await logInAs(page, demoFacilitator());
	await page.goto('/series');
	await expect(page.getByRole('heading', { level: 1, name: 'Reeksen' })).toBeVisible();
	await page.getByLabel('Titel van de reeks').fill(title);
	await page.getByRole('button', { name: 'Reeks aanmaken' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByText('Nog geen opdenksessies in deze reeks.')).toBeVisible();
	await page.goto('/series');
	await expect(page.getByRole('link', { name: title })).toBeVisible();
	await expectNoSeriousViolations(page);

	await createMeeting(page, 'Voorjaarssessie', 'Tafel 1');
	const details = page.getByRole('region', { name: 'Gegevens' });
	await page.getByLabel('Reeks', { exact: true }).selectOption({ label: title });
	await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
	await expect(page.getByText(`Reeks: ${title}`).or(details.getByRole('status'))).toBeVisible();

	await page.goto('/series');
	await page.getByRole('link', { name: title }).click();
	const meetings = page.getByRole('region', { name: 'Opdenksessies in deze reeks' });
	await expect(meetings.getByRole('link', { name: 'Voorjaarssessie' })).toBeVisible();
	await expectNoSeriousViolations(page);

	await page.getByRole('button', { name: 'Reeks archiveren' }).click();
	await expect(page.getByText('Deze reeks is gearchiveerd')).toBeVisible();
	await page.goto('/series');
	await expect(page.getByRole('listitem').filter({ hasText: title })).toContainText('gearchiveerd');
	await page.getByRole('link', { name: title }).click();
	await page.getByRole('button', { name: 'Reeks terugzetten' }).click();
	await expect(page.getByText('Deze reeks is gearchiveerd')).toHaveCount(0);
});

test('poll results filtered by region and by sector count only those participants', async ({ page }) => {
	await logInAs(page, demoFacilitator());
	await page.goto('/meetings');
	await page.getByRole('link', { name: 'Voorbeeld: opdenksessie met antwoorden' }).first().click();
	await page.getByRole('link', { name: 'Resultaten' }).first().click();
	const first = page.getByText(/^In deze uitslag: \d+$/).first();
	const all = Number((await first.innerText()).replace(/\D/g, ''));
	expect(all).toBeGreaterThan(50);

	await page.getByLabel('Onderwijsregio', { exact: true }).selectOption({ label: 'Onderwijsregio Veluwerand' });
	await page.getByRole('button', { name: 'Filteren' }).click();
	await expect(page).toHaveURL(/region=/);
	const inRegion = Number((await page.getByText(/^In deze uitslag: \d+$/).first().innerText()).replace(/\D/g, ''));
	expect(inRegion).toBeGreaterThan(0);
	expect(inRegion).toBeLessThan(all);

	await page.getByLabel('Onderwijsregio', { exact: true }).selectOption({ label: 'Alle' });
	await page.getByLabel('Sector', { exact: true }).selectOption({ index: 1 });
	await page.getByRole('button', { name: 'Filteren' }).click();
	await expect(page).toHaveURL(/sector=/);
	const inSector = Number((await page.getByText(/^In deze uitslag: \d+$/).first().innerText()).replace(/\D/g, ''));
	expect(inSector).toBeGreaterThan(0);
	expect(inSector).toBeLessThan(all);
	await expectNoSeriousViolations(page);
});
