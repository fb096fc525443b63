import { expect, test } from '@playwright/test';

test('switching to English changes the texts and stays across pages and reloads', async ({
	page
}) => {
	await page.goto('/');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Samen denken aan één tafel' })
	).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');

	await page.getByRole('button', { name: 'English' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Thinking together at one table' })
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	await page.getByRole('link', { name: 'Log in with your account' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Log in for facilitators' })
	).toBeVisible();
	await page.getByRole('button', { name: 'Log in', exact: true }).click();
	await expect(page.getByText('Enter your email address.')).toBeVisible();

	await page.reload();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Log in for facilitators' })
	).toBeVisible();

	await page.getByRole('button', { name: 'Nederlands' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Inloggen voor facilitators' })
	).toBeVisible();
});
