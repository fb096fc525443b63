import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { prepareMeeting } from './journeys';

// Generous: the machine runs builds and other suites beside these journeys.
test.describe.configure({ timeout: 60_000 });

/** Marks a meeting anonymous straight in the server's database (the meeting form is another journey). */
function makeAnonymous(joinUrl: string): void {
	const code = new URL(joinUrl).pathname.split('/').pop()!;
	const db = new Database(join(process.env.E2E_DATA_DIR!, 'denktafel.db'));
	try {
		db.prepare('UPDATE meetings SET anonymous = 1 WHERE join_code = ?').run(code);
	} finally {
		db.close();
	}
}

test('an anonymous meeting asks no name, partnership, sector or region', async ({
	browser,
	page
}) => {
	const joinUrl = await prepareMeeting(browser, 'Anoniem opdenken', 'Tafel 1');
	makeAnonymous(joinUrl);
	await page.goto(joinUrl);
	await expect(page.getByText('Deze opdenksessie is anoniem: we vragen je niets.')).toBeVisible();
	await expect(page.getByRole('textbox')).toHaveCount(0);
	await expect(page.getByRole('radio')).toHaveCount(0);
	await expect(page.getByRole('combobox')).toHaveCount(0);
	await expect(page.getByText(/Privacy: we vragen en bewaren geen naam/)).toBeVisible();
	await page.getByRole('button', { name: 'Naar mijn tafel' }).click();
	await expect(page).toHaveURL(/\/tables\//);
	// No name in the header either: the server's pseudonym is all there is.
	await expect(page.getByText(/Ingelogd als Deelnemer \d+/)).toBeVisible();
});

test('a partnership that is not in the register joins as "other", with a region', async ({
	browser,
	page
}) => {
	const joinUrl = await prepareMeeting(browser, 'Anders opdenken', 'Tafel 1');
	await page.goto(joinUrl);
	await page.getByLabel('Je naam').fill('Eva Anders');
	await page.getByLabel('Partnerschap').fill('Opleidingsschool Nergens');
	await page.getByRole('group', { name: 'Sector' }).getByRole('radio', { name: /^vo / }).check();
	await page
		.getByLabel('Onderwijsregio (optioneel)')
		.selectOption({ label: 'Onderwijsregio Heuvelland' });
	await page.getByRole('button', { name: 'Naar mijn tafel' }).click();
	await expect(page.getByText(/Dit partnerschap staat niet in het register/)).toBeVisible();
	await expect(page.getByLabel('Partnerschap')).toHaveValue('Opleidingsschool Nergens');
	await page.getByLabel('Niet in de lijst: gebruik de naam zoals ik hem typte').check();
	await page.getByRole('button', { name: 'Naar mijn tafel' }).click();
	await expect(page).toHaveURL(/\/tables\//);
});
