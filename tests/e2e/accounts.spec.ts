import { expect, test } from '@playwright/test';
import { ADMIN, logInAs } from './journeys';

test('an admin adds a facilitator, who must replace the one-time password, and can disable them', async ({
	browser
}) => {
	const admin = await (await browser.newContext()).newPage();
	await logInAs(admin, ADMIN);
	await admin.getByRole('link', { name: 'Accounts' }).click();
	await expect(admin.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
	await admin.getByLabel('Naam', { exact: true }).fill('Fien Facilitator');
	await admin.getByLabel('E-mailadres').fill('fien@e2e.test');
	await admin.getByRole('button', { name: 'Account aanmaken' }).click();
	const oneTimePassword = await admin.getByLabel('Eenmalig wachtwoord').inputValue();
	expect(oneTimePassword).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
	await expect(admin.getByRole('row', { name: /Fien Facilitator/ })).toContainText('actief');

	const fien = await (await browser.newContext()).newPage();
	await logInAs(fien, { email: 'fien@e2e.test', password: oneTimePassword });
	await expect(fien).toHaveURL(/\/account\/password$/);
	await expect(fien.getByText('Kies eerst een eigen wachtwoord.')).toBeVisible();
	await fien.getByLabel('Huidig wachtwoord').fill(oneTimePassword);
	await fien.getByLabel('Nieuw wachtwoord').fill('een eigen lange zin');
	await fien.getByLabel('Herhaal het nieuwe wachtwoord').fill('een eigen lange zin');
	await fien.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
	await expect(fien.getByText('Je wachtwoord is gewijzigd.')).toBeVisible();
	await fien.goto('/meetings');
	await expect(fien.getByRole('heading', { level: 1, name: 'Mijn opdenksessies' })).toBeVisible();

	await admin.getByRole('button', { name: 'Uitschakelen voor Fien Facilitator' }).click();
	await expect(admin.getByText('fien@e2e.test is uitgeschakeld')).toBeVisible();
	await expect(admin.getByRole('row', { name: /Fien Facilitator/ })).toContainText('uitgeschakeld');

	await fien.reload();
	await expect(fien).toHaveURL(/\/login\?redirectTo=/);
	await fien.getByLabel('E-mailadres').fill('fien@e2e.test');
	await fien.getByLabel('Wachtwoord', { exact: true }).fill('een eigen lange zin');
	await fien.getByRole('button', { name: 'Inloggen', exact: true }).click();
	await expect(fien.getByRole('alert')).toContainText('Dit account is uitgeschakeld.');
});
