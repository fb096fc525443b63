import { expect, test } from '@playwright/test';
import {
	addCard,
	card,
	createMeeting,
	demoFacilitator,
	expectLive,
	joinMeeting,
	logInAs
} from './journeys';

test('a facilitator and a participant see each other’s cards appear live, and who is at the table', async ({
	browser
}) => {
	const facilitator = await (await browser.newContext()).newPage();
	const participant = await (await browser.newContext()).newPage();

	await logInAs(facilitator, demoFacilitator());
	const joinUrl = await createMeeting(facilitator, 'Regie op kwaliteit', 'Tafel A · Kwaliteit');
	expect(joinUrl).toMatch(/\/join\/[A-Z0-9]{6}$/);
	await facilitator.getByRole('link', { name: 'Tafel A · Kwaliteit' }).click();
	await expect(
		facilitator.getByRole('heading', { level: 1, name: 'Tafel A · Kwaliteit' })
	).toBeVisible();
	await expectLive(facilitator);

	await joinMeeting(participant, joinUrl, {
		name: 'Anna de Vries',
		partnership: 'Partnerschap IJsselkracht',
		sector: 'vo'
	});
	await expect(
		participant.getByRole('heading', { level: 1, name: 'Tafel A · Kwaliteit' })
	).toBeVisible();
	await expectLive(participant);

	// Neither page reloads from here on: whatever appears came through the live connection.
	const facilitatorUrl = facilitator.url();
	const participantUrl = participant.url();

	await addCard(facilitator, 'Wie houdt straks de regie op de kwaliteit van het opleiden?');
	await expect(card(participant, 'Wie houdt straks de regie op de kwaliteit')).toContainText(
		'door Demo-facilitator'
	);

	await addCard(participant, 'Hoe verdelen we de middelen binnen de regio?');
	await expect(card(facilitator, 'Hoe verdelen we de middelen binnen de regio?')).toContainText(
		'door Anna de Vries'
	);
	await expect(card(participant, 'Hoe verdelen we de middelen binnen de regio?')).toBeVisible();

	const present = 'Aan deze tafel: Anna de Vries, Demo-facilitator (2)';
	await expect(facilitator.getByText(present)).toBeVisible();
	await expect(participant.getByText(present)).toBeVisible();

	expect(facilitator.url()).toBe(facilitatorUrl);
	expect(participant.url()).toBe(participantUrl);
	await expect(facilitator.getByRole('heading', { name: 'Kaarten (2)' })).toBeVisible();
});
