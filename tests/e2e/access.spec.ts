import { expect, test } from '@playwright/test';
import { createMeeting, demoFacilitator, joinMeeting, logInAs } from './journeys';

test('a participant cannot open the board of a table in another meeting', async ({ browser }) => {
	const facilitator = await (await browser.newContext()).newPage();
	await logInAs(facilitator, demoFacilitator());
	const joinUrl = await createMeeting(facilitator, 'Eigen sessie', 'Eigen tafel');
	await createMeeting(facilitator, 'Andere sessie', 'Andere tafel');
	const otherBoard = await facilitator
		.getByRole('link', { name: 'Andere tafel' })
		.getAttribute('href');
	expect(otherBoard).toMatch(/^\/tables\//);

	const participant = await (await browser.newContext()).newPage();
	await joinMeeting(participant, joinUrl, {
		name: 'Dirk',
		partnership: 'Samen Opleiden Kempen',
		sector: 'po'
	});
	const response = await participant.goto(otherBoard!);
	expect(response?.status()).toBe(403);
	await expect(participant.getByRole('heading', { level: 1, name: 'Geen toegang' })).toBeVisible();

	const missing = await participant.goto('/tables/bestaatniet');
	expect(missing?.status()).toBe(404);
	await expect(participant.getByRole('heading', { level: 1, name: 'Niet gevonden' })).toBeVisible();
});
