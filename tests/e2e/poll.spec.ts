import { expect, test, type Browser, type Page } from '@playwright/test';
import { createMeeting, demoFacilitator, expectNoSeriousViolations, joinMeeting, logInAs } from './journeys';

// The poll from end to end: a facilitator builds one question of each type, three program leaders
// answer on phones (one without JavaScript), results arrive live, a reveal reaches participants,
// a changed answer moves the chart, and closing the poll refuses late answers.

const PHONE = { width: 390, height: 844 };


interface NewQuestion {
	type: 'Eén keuze' | 'Meerdere keuzes' | 'Rangschikking' | 'Schaal' | 'Open vraag';
	prompt: string;
	options?: string[];
	maxChoices?: string;
	explanation?: boolean;
	scaleLabels?: [string, string];
	optional?: boolean;
}

async function addQuestion(page: Page, q: NewQuestion): Promise<void> {
	await page.getByLabel('Soort vraag').last().selectOption({ label: q.type });
	await page.getByRole('button', { name: 'Nieuwe vraag' }).click();
	const editor = page.getByRole('region', { name: 'Nieuwe vraag' });
	await editor.getByLabel('Vraag', { exact: true }).fill(q.prompt);
	for (const [i, option] of (q.options ?? []).entries()) {
		if (i >= 2) await editor.getByRole('button', { name: 'Optie toevoegen' }).click();
		await editor.getByLabel(`Optie ${i + 1}`, { exact: true }).fill(option);
	}
	if (q.maxChoices) await editor.getByLabel('Hoogstens zoveel keuzes').fill(q.maxChoices);
	if (q.explanation) await editor.getByLabel('Toelichting toestaan').check();
	if (q.optional) await editor.getByRole('checkbox', { name: 'Verplicht' }).uncheck();
	if (q.scaleLabels) {
		await editor.getByLabel('Label bij het laagste punt').fill(q.scaleLabels[0]);
		await editor.getByLabel('Label bij het hoogste punt').fill(q.scaleLabels[1]);
	}
	await editor.getByRole('button', { name: 'Vraag opslaan' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Vraag opgeslagen.' })).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: q.prompt })).toBeVisible();
}

async function phone(browser: Browser, javaScriptEnabled = true): Promise<Page> {
	const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled });
	return context.newPage();
}

function question(page: Page, prompt: string) {
	return page.getByRole('group', { name: prompt });
}

function resultCard(page: Page, prompt: string) {
	return page.getByRole('region', { name: prompt });
}

test('a poll is built, answered on phones, followed live, revealed, changed and closed', async ({
	browser,
	page
}) => {
	test.setTimeout(240_000);
	await logInAs(page, demoFacilitator());
	const joinUrl = await createMeeting(page, 'Poll van de regio', 'Tafel 1');
	const meetingId = /\/meetings\/([a-z2-7]+)/.exec(page.url())![1];

	await page.goto(`/meetings/${meetingId}/poll/edit`);
	await addQuestion(page, {
		type: 'Eén keuze',
		prompt: 'Waar staat het partnerschap?',
		options: ['Binnen de regio', 'Ernaast']
	});
	await addQuestion(page, {
		type: 'Meerdere keuzes',
		prompt: 'Wie houdt de regie?',
		options: ['Bestuur', 'Netwerk', 'Scholen'],
		maxChoices: '2'
	});
	await addQuestion(page, {
		type: 'Rangschikking',
		prompt: 'Wat is het meest urgent?',
		options: ['Governance', 'Financiën', 'Kwaliteit'],
		explanation: true
	});
	await addQuestion(page, {
		type: 'Schaal',
		prompt: 'Hoe sterk is de samenwerking?',
		scaleLabels: ['zwak', 'sterk']
	});
	await addQuestion(page, { type: 'Open vraag', prompt: 'Wat wil je nog kwijt?', optional: true });
	await expect(page.getByRole('heading', { name: 'Vragen (5)' })).toBeVisible();
	await expectNoSeriousViolations(page);

	// The facilitator watches the results page while answers come in.
	await page.goto(`/meetings/${meetingId}/poll/results`);
	const firstCard = resultCard(page, 'Waar staat het partnerschap?');
	await expect(firstCard.getByText('Aantal antwoorden: 0', { exact: true })).toBeVisible();

	const ann = await phone(browser);
	const bob = await phone(browser);
	const cas = await phone(browser, false);
	const people = [
		{
			page: ann,
			who: {
				name: 'Ann de Wit',
				partnership: 'Opleidingsschool Polderpoort',
				sector: 'po' as const
			}
		},
		{
			page: bob,
			who: { name: 'Bob Smit', partnership: 'Kennisnetwerk Maasterras', sector: 'vo' as const }
		},
		{
			page: cas,
			who: {
				name: 'Cas Bakker',
				partnership: 'Opleidingsschool Polderpoort',
				sector: 'mbo' as const
			}
		}
	];
	for (const p of people) {
		await joinMeeting(p.page, joinUrl, p.who);
		await p.page.goto(`/meetings/${meetingId}/poll`);
	}

	// Each page says how answers are saved: as they are given with scripts, by sending the form without.
	await expect(ann.getByText('Je antwoorden worden opgeslagen terwijl je ze geeft.', { exact: false })).toBeVisible();
	await expect(cas.getByText('klik onderaan op „Antwoorden versturen”: pas dan zijn ze opgeslagen', { exact: false })).toBeVisible();
	await expect(cas.getByText('opgeslagen terwijl je ze geeft', { exact: false })).toHaveCount(0);

	// With JavaScript: every answer saves as it is given, and says so.
	for (const [p, choice] of [
		[ann, 'Binnen de regio'],
		[bob, 'Binnen de regio']
	] as const) {
		await question(p, 'Waar staat het partnerschap?').getByLabel(choice).check();
		await expect(question(p, 'Waar staat het partnerschap?').getByText('Opgeslagen')).toBeVisible();
		await question(p, 'Wie houdt de regie?').getByLabel('Bestuur').check();
		await question(p, 'Hoe sterk is de samenwerking?').getByLabel('4', { exact: true }).check();
		await question(p, 'Wat wil je nog kwijt?')
			.getByLabel('Jouw antwoord')
			.fill('Meer tijd voor de regio.');
	}
	// Ann ranks with the keyboard: Kwaliteit up twice, to the top.
	const ranking = question(ann, 'Wat is het meest urgent?');
	await ranking.getByRole('button', { name: 'Omhoog: Kwaliteit' }).focus();
	await ann.keyboard.press('Enter');
	await ann.keyboard.press('Enter');
	await expect(ranking.getByRole('listitem').first()).toContainText('Kwaliteit');
	await expect(ranking.getByText('Opgeslagen')).toBeVisible();
	await question(bob, 'Wat is het meest urgent?')
		.getByRole('button', { name: 'Deze volgorde opslaan' })
		.click();
	await expect(question(bob, 'Wat is het meest urgent?').getByText('Opgeslagen')).toBeVisible();

	// Without JavaScript: one form, a number per ranked option.
	await question(cas, 'Waar staat het partnerschap?').getByLabel('Ernaast').check();
	await question(cas, 'Wie houdt de regie?').getByLabel('Netwerk').check();
	const casRanking = question(cas, 'Wat is het meest urgent?');
	await casRanking.getByLabel('Governance').fill('2');
	await casRanking.getByLabel('Financiën').fill('1');
	await casRanking.getByLabel('Kwaliteit').fill('3');
	await question(cas, 'Hoe sterk is de samenwerking?').getByLabel('2', { exact: true }).check();
	await cas.getByRole('button', { name: 'Antwoorden versturen' }).click();
	await expect(cas.getByText('Je antwoorden zijn opgeslagen.')).toBeVisible();

	// Live on the facilitator's screen, without a reload.
	await expect(firstCard.getByText('Aantal antwoorden: 3', { exact: true })).toBeVisible();
	await expect(
		resultCard(page, 'Wat is het meest urgent?').getByText('Aantal antwoorden: 3', { exact: true })
	).toBeVisible();
	await expect(firstCard.getByRole('row', { name: /Binnen de regio/ })).toContainText('2 (67%)');
	await expectNoSeriousViolations(page);

	// A reveal reaches the participants' screens.
	await firstCard.getByRole('button', { name: 'Uitslag tonen aan deelnemers' }).click();
	await expect(firstCard.getByText('Uitslag zichtbaar voor deelnemers')).toBeVisible();
	const revealed = ann.getByRole('region', { name: 'Uitslag: Waar staat het partnerschap?' });
	await expect(revealed.getByRole('row', { name: /Binnen de regio/ })).toContainText('2 (67%)');
	await expectNoSeriousViolations(ann);

	// On the projector screen the facilitator steps to the next question and reveals it there.
	const screen = await page.context().newPage();
	await screen.setViewportSize({ width: 1920, height: 1080 });
	await screen.goto(`/present/${meetingId}`);
	const controls = screen.getByRole('navigation', { name: 'Bediening van het scherm' });
	// Back to the first question, whichever is on the screen now.
	const first = controls.getByRole('button', { name: 'Eerste vraag tonen' });
	if (await first.count()) await first.click();
	while (await controls.getByRole('button', { name: 'Vorige vraag' }).isEnabled()) {
		await controls.getByRole('button', { name: 'Vorige vraag' }).click();
	}
	await expect(screen.getByRole('heading', { name: 'Waar staat het partnerschap?' })).toBeVisible();
	await controls.getByRole('button', { name: 'Volgende vraag' }).click();
	await expect(screen.getByRole('heading', { name: 'Wie houdt de regie?' })).toBeVisible();
	await controls.getByRole('button', { name: 'Resultaten tonen' }).click();
	await expect(controls.getByRole('button', { name: 'Resultaten verbergen' })).toHaveAttribute('aria-pressed', 'true');
	await expect(screen.getByRole('row', { name: /Bestuur/ })).toContainText('2 (67%)');
	await expect(ann.getByRole('region', { name: 'Uitslag: Wie houdt de regie?' })).toBeVisible();
	await expectNoSeriousViolations(screen);
	await screen.close();

	// Bob changes his mind: the facilitator's chart and Ann's revealed result move.
	await question(bob, 'Waar staat het partnerschap?').getByLabel('Ernaast').check();
	await expect(question(bob, 'Waar staat het partnerschap?').getByText('Opgeslagen')).toBeVisible();
	await expect(firstCard.getByRole('row', { name: /Binnen de regio/ })).toContainText('1 (33%)');
	await expect(firstCard.getByRole('row', { name: /Ernaast/ })).toContainText('2 (67%)');
	await expect(revealed.getByRole('row', { name: /Ernaast/ })).toContainText('2 (67%)');

	// Closing: the JavaScript page turns read-only, a late form post gets the closed message.
	await page.getByRole('button', { name: 'Poll sluiten' }).click();
	await expect(page.getByText('De poll is gesloten.')).toBeVisible();
	await expect(ann.getByText(/De poll is gesloten: antwoorden kan niet meer/)).toBeVisible();
	await expect(question(ann, 'Waar staat het partnerschap?').getByLabel('Ernaast')).toBeDisabled();
	await question(cas, 'Wat wil je nog kwijt?').getByLabel('Jouw antwoord').fill('Te laat?');
	await cas.getByRole('button', { name: 'Antwoorden versturen' }).click();
	await expect(
		cas.getByText(/De poll is gesloten: antwoorden kan niet meer/).first()
	).toBeVisible();
});
