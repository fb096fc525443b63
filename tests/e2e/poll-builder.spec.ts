import { expect, test, type Page } from '@playwright/test';
import { createMeeting, demoFacilitator, joinMeeting, logInAs } from './journeys';

// The builder's rules for a question that has answers: wording is free, anything else asks first
// and says how many answers it deletes. Reordering works from the keyboard.

async function addChoiceQuestion(
	page: Page,
	prompt: string,
	options: [string, string]
): Promise<void> {
	await page.getByLabel('Soort vraag').last().selectOption({ label: 'Eén keuze' });
	await page.getByRole('button', { name: 'Nieuwe vraag' }).click();
	const editor = page.getByRole('region', { name: 'Nieuwe vraag' });
	await editor.getByLabel('Vraag', { exact: true }).fill(prompt);
	await editor.getByLabel('Optie 1', { exact: true }).fill(options[0]);
	await editor.getByLabel('Optie 2', { exact: true }).fill(options[1]);
	await editor.getByRole('button', { name: 'Vraag opslaan' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: prompt })).toBeVisible();
}

test('the builder reorders by keyboard and confirms an edit that deletes answers', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	await logInAs(page, demoFacilitator());
	const joinUrl = await createMeeting(page, 'Poll bouwen', 'Tafel 1');
	const meetingId = /\/meetings\/([a-z2-7]+)/.exec(page.url())![1];
	await page.goto(`/meetings/${meetingId}/poll/edit`);
	await addChoiceQuestion(page, 'Eerste vraag', ['Appel', 'Peer']);
	await addChoiceQuestion(page, 'Tweede vraag', ['Noord', 'Zuid']);

	await page.getByRole('button', { name: 'Vraag 2 omhoog' }).focus();
	await page.keyboard.press('Enter');
	await expect(
		page.getByRole('list', { name: 'Vragen van de poll' }).getByRole('listitem').first()
	).toContainText('1. Tweede vraag');

	const participant = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await joinMeeting(participant, joinUrl, {
		name: 'Dirk',
		partnership: 'Opleidingsschool Polderpoort',
		sector: 'po'
	});
	await participant.goto(`/meetings/${meetingId}/poll`);
	const answer = participant.getByRole('group', { name: 'Tweede vraag' });
	await answer.getByLabel('Zuid').check();
	await expect(answer.getByText('Opgeslagen')).toBeVisible();

	await page.reload();
	await page.getByRole('link', { name: 'Vraag 1 bewerken' }).click();
	const editor = page.getByRole('region', { name: 'Vraag bewerken' });
	await expect(
		editor.getByText('Deze vraag is al beantwoord (aantal antwoorden: 1)')
	).toBeVisible();
	// Wording only: saved without a question.
	await editor.getByLabel('Vraag', { exact: true }).fill('Tweede vraag, beter gezegd');
	await editor.getByRole('button', { name: 'Vraag opslaan' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Vraag opgeslagen.' })).toBeVisible();

	// Replacing the chosen option asks first and says what it costs.
	await page.getByRole('link', { name: 'Vraag 1 bewerken' }).click();
	await editor.getByLabel('Optie 2', { exact: true }).fill('');
	await editor.getByRole('button', { name: 'Optie toevoegen' }).click();
	await editor.getByLabel('Optie 3', { exact: true }).fill('Midden');
	await editor.getByRole('button', { name: 'Vraag opslaan' }).click();
	await expect(
		editor
			.getByRole('alert')
			.filter({ hasText: 'Aantal antwoorden dat niet meer past en wordt verwijderd: 1' })
	).toBeVisible();
	await editor.getByRole('button', { name: 'Toch opslaan' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Vraag opgeslagen.' })).toBeVisible();
	await expect(
		page.getByRole('listitem').filter({ hasText: 'Tweede vraag, beter gezegd' })
	).toContainText('Aantal antwoorden: 0');
});
