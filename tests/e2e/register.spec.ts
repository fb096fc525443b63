import { expect, test, type Page } from '@playwright/test';
import { ADMIN, logInAs, expectNoSeriousViolations } from './journeys';

// Generous: the machine runs builds and other suites beside these journeys.
test.describe.configure({ timeout: 60_000 });

const REGISTER_CSV = [
	"naam;sectoren;regio's",
	'Partnerschap Duinrand;po,vo;Onderwijsregio Duinrand',
	'Partnerschap Zonder Sector;;Onderwijsregio Duinrand',
	'Opleidingsschool Kustlicht;mbo;Onderwijsregio Duinrand|Onderwijsregio Waddenkust'
].join('\r\n');

test('an admin imports a register CSV with one bad row and sees that row’s error', async ({
	page
}) => {
	await logInAs(page, ADMIN);
	await page.getByRole('link', { name: 'Register' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Register' })).toBeVisible();
	await expectNoSeriousViolations(page);

	await page.getByLabel('CSV-bestand').setInputFiles({
		name: 'register.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('\uFEFF' + REGISTER_CSV, 'utf8')
	});
	await page.getByRole('button', { name: 'Importeren' }).click();
	await expect(
		page.getByText('Import klaar: 2 toegevoegd, 0 bijgewerkt, 1 rijen overgeslagen.')
	).toBeVisible();
	await expect(page.getByText("Nieuwe regio's aangemaakt: Onderwijsregio Duinrand.")).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'Rij 3' })).toContainText(
		'Kies minstens één sector'
	);
	await expect(page.getByRole('row', { name: /Opleidingsschool Kustlicht/ })).toContainText(
		'Onderwijsregio Waddenkust'
	);
	await expectNoSeriousViolations(page);

	// Search narrows the list; the bad row was not applied.
	await page.getByLabel('Zoeken op naam of regio').fill('Duinrand');
	await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
	await expect(page.getByRole('row', { name: /Partnerschap Duinrand/ })).toBeVisible();
	await expect(page.getByRole('row', { name: /Zonder Sector/ })).toHaveCount(0);
	await expect(page.getByRole('row', { name: /Samen Opleiden Waddenkust/ })).toHaveCount(0);
});

test('an admin adds a partnership by hand, with a clear error when nothing is chosen', async ({
	page
}) => {
	await logInAs(page, ADMIN);
	await page.goto('/admin/register');
	await page.getByLabel('Naam van het partnerschap').fill('Partnerschap Handwerk');
	await page.getByRole('button', { name: 'Partnerschap toevoegen' }).click();
	await expect(page.getByText('Kies minstens één sector: po, vo of mbo.')).toBeVisible();
	await expect(page.getByText('Kies minstens één onderwijsregio.')).toBeVisible();
	await expectNoSeriousViolations(page);
	await page
		.getByRole('group', { name: /Sectoren/ })
		.getByRole('checkbox', { name: 'vo' })
		.check();
	await page
		.getByRole('group', { name: /Onderwijsregio's/ })
		.getByRole('checkbox', { name: 'Onderwijsregio Heuvelland' })
		.check();
	await page.getByRole('button', { name: 'Partnerschap toevoegen' }).click();
	await expect(page.getByText('Partnerschap Handwerk is opgeslagen.')).toBeVisible();
	await expect(page.getByRole('row', { name: /Partnerschap Handwerk/ })).toContainText(
		'Onderwijsregio Heuvelland'
	);
});

test('a facilitator cannot open the register', async ({ page }) => {
	const { demoFacilitator } = await import('./journeys');
	await logInAs(page, demoFacilitator());
	const response = await page.goto('/admin/register');
	expect(response?.status()).toBe(403);
});
