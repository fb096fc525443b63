import { expect, test } from '@playwright/test';
import { demoFacilitator, fillJoinForm, prepareMeeting } from './journeys';

test('a wrong password gives a clear Dutch message and keeps the email address', async ({
	page
}) => {
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(demoFacilitator().email);
	await page.getByLabel('Wachtwoord', { exact: true }).fill('dit-is-niet-het-wachtwoord');
	await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText(/E-mailadres of wachtwoord klopt niet\./);
	await expect(page.getByLabel('E-mailadres')).toHaveValue(demoFacilitator().email);
	await expect(page).toHaveURL(/\/login$/);
});

test('empty login fields are named one by one', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
	await expect(page.getByText('Vul je e-mailadres in.')).toBeVisible();
	await expect(page.getByText('Vul je wachtwoord in.')).toBeVisible();
	await expect(page.getByLabel('E-mailadres')).toHaveAttribute('aria-invalid', 'true');
});

test('an unknown join code on the home page is refused with a message and the code echoed', async ({
	page
}) => {
	await page.goto('/');
	await page.getByLabel('Code van de opdenksessie').fill('qqq-qqq');
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page.getByText('Deze code kennen we niet.')).toBeVisible();
	await expect(page.getByLabel('Code van de opdenksessie')).toHaveValue('qqq-qqq');
	await expect(page.getByLabel('Code van de opdenksessie')).toHaveAttribute('aria-invalid', 'true');

	await page.getByLabel('Code van de opdenksessie').fill('abc');
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page.getByText('Een code bestaat uit zes letters en cijfers')).toBeVisible();
});

test('an unknown join link shows why and offers another try', async ({ page }) => {
	const response = await page.goto('/join/QQQQQQ');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1, name: 'Meedoen lukt niet' })).toBeVisible();
	await expect(page.getByText('Deze code kennen we niet.')).toBeVisible();
	await expect(page.getByLabel('Code van de opdenksessie')).toBeVisible();
});

test.describe('joining with a bad name', () => {
	let joinUrl = '';
	test.beforeAll(async ({ browser }) => {
		joinUrl = await prepareMeeting(browser, 'Namen controleren', 'Tafel 1');
	});

	test('an empty name is asked for, the other answers are kept', async ({ page }) => {
		await page.goto(joinUrl);
		await fillJoinForm(page, { name: '', partnership: 'Samen Opleiden Waddenkust', sector: 'po' });
		await expect(page.getByText('Vul je naam in.')).toBeVisible();
		await expect(page.getByLabel('Je naam')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Partnerschap')).toHaveValue('Samen Opleiden Waddenkust');
		await expect(page.getByRole('radio', { name: /^po / })).toBeChecked();
	});

	test('a name of 200 characters is refused with the limit, not silently cut', async ({ page }) => {
		const longName = 'Anna'.repeat(50);
		await page.goto(joinUrl);
		await fillJoinForm(page, {
			name: longName,
			partnership: 'Samen Opleiden Waddenkust',
			sector: 'mbo'
		});
		await expect(page.getByText('Je naam mag hoogstens 60 tekens lang zijn.')).toBeVisible();
		await expect(page.getByLabel('Je naam')).toHaveValue(longName);
	});
});
