import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './journeys';

test('every page links to "Over Denktafel", which says what Denktafel is and credits the OpenTaal word list, in Dutch and English', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('contentinfo').getByRole('link', { name: 'Over Denktafel' }).click();
	await expect(page).toHaveURL(/\/about$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Over Denktafel' })).toBeVisible();
	const credits = page.getByRole('region', { name: 'Met dank aan' });
	await expect(credits).toContainText('woordenlijst van OpenTaal (opentaal.org)');
	await expect(credits).toContainText('CC-BY-3.0');
	await expectNoSeriousViolations(page);

	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'About Denktafel' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Credits' })).toContainText('OpenTaal word list (opentaal.org)');
	// The login page carries the same footer link.
	await page.goto('/login');
	await expect(page.getByRole('contentinfo').getByRole('link', { name: 'About Denktafel' })).toBeVisible();
});
