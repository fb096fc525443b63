import { expect, test, type Page } from '@playwright/test';
import { expectLive, expectNoSeriousViolations, fillJoinForm, joinMeeting, prepareMeeting } from './journeys';


let joinUrl = '';
test.beforeAll(async ({ browser }) => {
	joinUrl = await prepareMeeting(browser, 'Toegankelijk opdenken', 'Tafel 1');
});

test('the home page has no serious accessibility violations', async ({ page }) => {
	await page.goto('/');
	await expectNoSeriousViolations(page);
});

test('the login page has none, also when it shows errors', async ({ page }) => {
	await page.goto('/login');
	await expectNoSeriousViolations(page);
	await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
	await expect(page.getByText('Vul je e-mailadres in.')).toBeVisible();
	await expectNoSeriousViolations(page);
});

test('the join page has none, also when it shows errors', async ({ page }) => {
	await page.goto(joinUrl);
	await expectNoSeriousViolations(page);
	await fillJoinForm(page, {});
	await expect(page.getByText('Vul je naam in.')).toBeVisible();
	await expectNoSeriousViolations(page);
});

test('the table board has none, with a card on it', async ({ page }) => {
	await joinMeeting(page, joinUrl, {
		name: 'Bram Jansen',
		partnership: 'Kennisnetwerk Maasterras',
		sector: 'vo'
	});
	await expectLive(page);
	await page.getByLabel('Jouw vraag').fill('Wat vraagt de regio van ons partnerschap?');
	await page.getByRole('button', { name: 'Kaart toevoegen' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: 'Wat vraagt de regio' })).toBeVisible();
	await expectNoSeriousViolations(page);
});
