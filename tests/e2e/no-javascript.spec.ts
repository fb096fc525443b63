import { expect, test } from '@playwright/test';
import { card, joinMeeting, prepareMeeting } from './journeys';

test.use({ javaScriptEnabled: false });

test('without JavaScript a participant joins, adds a card and switches language', async ({
	page,
	browser
}) => {
	const joinUrl = await prepareMeeting(browser, 'Zonder scripts', 'Tafel 1');
	await joinMeeting(page, joinUrl, {
		name: 'Eva',
		partnership: 'Opleidingsschool Polderpoort',
		sector: 'vo'
	});

	await page.getByLabel('Jouw vraag').fill('Werkt dit ook op een oude telefoon?');
	await page.getByRole('button', { name: 'Kaart toevoegen' }).click();
	await expect(page.getByText('Je kaart is toegevoegd.')).toBeVisible();
	await expect(card(page, 'Werkt dit ook op een oude telefoon?')).toContainText('door Eva');

	await page.getByRole('button', { name: 'Kaart toevoegen' }).click();
	await expect(page.getByText('Schrijf eerst je vraag.')).toBeVisible();

	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('button', { name: 'Add card' })).toBeVisible();
	await expect(page).toHaveURL(/\/tables\//);
});
