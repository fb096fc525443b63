import { expect, test, type Page } from '@playwright/test';
import { createMeeting, demoFacilitator, logInAs, expectNoSeriousViolations } from './journeys';

// Generous: the machine runs builds and other suites beside these journeys.
test.describe.configure({ timeout: 90_000 });

const INVITES = [
	'naam;email;partnerschap',
	'Anna de Vries;anna@e2e.test;Partnerschap IJsselkracht',
	'Zonder Adres;;',
	'=Gevaar;gevaar@e2e.test;'
].join('\r\n');

test('a facilitator invites by CSV; the personal link signs the person in on any device', async ({
	browser
}) => {
	const facilitator = await (await browser.newContext()).newPage();
	await logInAs(facilitator, demoFacilitator());
	await createMeeting(facilitator, 'Uitgenodigd opdenken', 'Tafel 1');
	const meetingId = new URL(facilitator.url()).pathname.split('/')[2];

	await facilitator.goto(`/meetings/${meetingId}/invitations`);
	await facilitator.getByLabel('CSV-bestand met genodigden').setInputFiles({
		name: 'genodigden.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(INVITES, 'utf8')
	});
	await facilitator.getByRole('button', { name: 'Uitnodigingen maken' }).click();
	await expect(
		facilitator.getByText('2 uitnodigingen gemaakt, 1 rijen overgeslagen.')
	).toBeVisible();
	await expect(facilitator.getByRole('listitem').filter({ hasText: 'Rij 3' })).toContainText(
		'Het e-mailadres ontbreekt.'
	);
	const link = await facilitator
		.getByRole('row', { name: /anna@e2e\.test/ })
		.locator('code')
		.first()
		.textContent();
	expect(link).toMatch(/\/i\/[a-z2-7]{32}$/);
	await expectNoSeriousViolations(facilitator);

	const download = facilitator.waitForEvent('download');
	await facilitator.getByRole('link', { name: 'Links downloaden (CSV voor samenvoegen)' }).click();
	const file = await (await download).createReadStream();
	const chunks: Buffer[] = [];
	for await (const chunk of file) chunks.push(chunk as Buffer);
	const csv = Buffer.concat(chunks).toString('utf8');
	expect(csv).toContain(`Anna de Vries;anna@e2e.test;Partnerschap IJsselkracht;${link}`);
	expect(csv).toContain(`'=Gevaar;gevaar@e2e.test`);

	const phone = await (
		await browser.newContext({ viewport: { width: 360, height: 740 } })
	).newPage();
	await phone.goto(link!);
	await expect(phone.getByText('Welkom, Anna de Vries.')).toBeVisible();
	await expect(phone.getByLabel('Je naam')).toHaveCount(0);
	await expectNoSeriousViolations(phone);
	await phone.getByRole('group', { name: 'Sector' }).getByRole('radio', { name: /^po / }).check();
	await phone.getByRole('button', { name: 'Naar mijn tafel' }).click();
	await expect(phone).toHaveURL(/\/tables\//);

	const laptop = await (await browser.newContext()).newPage();
	await laptop.goto(link!);
	await expect(laptop.getByText('Je doet al mee.')).toBeVisible();
	await laptop.getByRole('button', { name: 'Verder gaan' }).click();
	await expect(laptop).toHaveURL(/\/tables\//);
	await expect(laptop.getByText('Ingelogd als Anna de Vries')).toBeVisible();

	await facilitator.goto(`/meetings/${meetingId}/invitations`);
	await expect(facilitator.getByRole('row', { name: /Anna de Vries/ })).toContainText(
		'Doet mee, nog geen antwoorden'
	);

	// Raw data: facilitators only.
	const own = await facilitator.request.get(`/api/meetings/${meetingId}/exports/responses.csv`);
	expect(own.status()).toBe(200);
	expect(own.headers()['content-type']).toBe('text/csv; charset=utf-8');
	expect(own.headers()['content-disposition']).toContain('antwoorden-uitgenodigd-opdenken.csv');
	expect(
		(await laptop.request.get(`/api/meetings/${meetingId}/exports/responses.xlsx`)).status()
	).toBe(403);
	const stranger = await browser.newContext();
	expect(
		(await stranger.request.get(`/api/meetings/${meetingId}/exports/responses.csv`)).status()
	).toBe(401);

	// Renewing the links makes the old one stop working.
	await facilitator.getByLabel('Ik begrijp dat de oude links niet meer werken').check();
	await facilitator.getByRole('button', { name: 'Nieuwe links maken' }).click();
	await expect(
		facilitator.getByText('2 nieuwe links gemaakt. De oude werken niet meer.')
	).toBeVisible();
	expect((await stranger.request.get(link!)).status()).toBe(404);
});
