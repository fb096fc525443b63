import { expect, test, type Page, type TestInfo } from '@playwright/test';
import {
	addCard,
	card,
	cardMenu,
	dragCard,
	createMeeting,
	demoFacilitator,
	expectLive,
	expectNoSeriousViolations,
	joinMeeting,
	logInAs
} from './journeys';

// A table played through its phases: three participants and a facilitator, each in a browser of their own.

async function setPhase(facilitator: Page, phase: string) {
	await facilitator.getByLabel('Fase van deze tafel').selectOption({ label: phase });
	await facilitator.getByRole('button', { name: 'Fase instellen' }).click();
	await expect(facilitator.getByText(`De tafel staat nu op: ${phase}.`)).toBeVisible();
}

async function phaseShot(page: Page, testInfo: TestInfo, phase: string) {
	await expect(page.getByRole('navigation', { name: 'Fasen van het bord' }).locator('[aria-current="step"]')).toHaveText(phase);
	await expectNoSeriousViolations(page);
	await testInfo.attach(`board-${phase.toLowerCase()}`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('a table collects, clusters by keyboard and by dragging, merges a duplicate and votes until the budget is spent', async ({ browser }, testInfo) => {
	test.setTimeout(120_000);
	const facilitator = await (await browser.newContext()).newPage();
	await logInAs(facilitator, demoFacilitator());
	const joinUrl = await createMeeting(facilitator, 'Bord in fasen', 'Tafel Fasen');
	await facilitator.getByRole('link', { name: 'Tafel Fasen' }).click();
	await expectLive(facilitator);

	const people = [
		{ name: 'Anna de Vries', partnership: 'Partnerschap IJsselkracht', sector: 'po' as const },
		{ name: 'Bram Jansen', partnership: 'Kennisnetwerk Maasterras', sector: 'vo' as const },
		{ name: 'Cas Smit', partnership: 'Partnerschap IJsselkracht', sector: 'mbo' as const }
	];
	const [anna, bram, cas] = await Promise.all(
		people.map(async (who, i) => {
			// One of them on a phone.
			const context = await browser.newContext(i === 2 ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {});
			const page = await context.newPage();
			await joinMeeting(page, joinUrl, who);
			await expectLive(page);
			return page;
		})
	);

	// Collect.
	await addCard(anna, 'Wie betaalt de schoolopleider?');
	await addCard(bram, 'Hoe houden we regie op de kwaliteit?');
	await addCard(cas, 'Wie betaalt straks de schoolopleider?');
	await addCard(cas, 'Wat levert de regio ons op?');
	for (const page of [anna, bram, cas, facilitator]) await expect(page.getByRole('heading', { name: 'Kaarten (4)' })).toBeVisible();
	await expect(card(anna, 'Wie betaalt de schoolopleider?')).toContainText('Jouw kaart');
	await expect(card(bram, 'Wie betaalt de schoolopleider?')).not.toContainText('Jouw kaart');
	await phaseShot(anna, testInfo, 'Verzamelen');

	// Cluster: one card by keyboard (number key on the focused card), one by dragging, a duplicate merged.
	await setPhase(facilitator, 'Clusteren');
	await expect(anna.getByText('Clusteren: zet de kaarten samen bij een thema')).toBeVisible();
	await card(anna, 'Wie betaalt de schoolopleider?').focus();
	await anna.keyboard.press('2');
	await expect(column(bram, 'Financiën').getByRole('article', { name: 'Wie betaalt de schoolopleider?' })).toBeVisible();

	// A tall window, so the drag needs no scrolling (Chromium would pick up what scrolled under the pointer).
	await bram.setViewportSize({ width: 1280, height: 2200 });
	await dragCard(bram, card(bram, 'Hoe houden we regie op de kwaliteit?'), bram.getByRole('group', { name: 'Kaarten in Kwaliteit' }));
	await expect(column(anna, 'Kwaliteit').getByRole('article', { name: 'Hoe houden we regie op de kwaliteit?' })).toBeVisible();

	// The duplicate, by the card's menu (a bottom sheet on the phone): two taps.
	const sheet = await cardMenu(cas, 'Wie betaalt straks de schoolopleider?');
	await sheet.getByRole('button', { name: 'Dubbel van: Wie betaalt de schoolopleider?' }).click();
	await expect(card(anna, 'Wie betaalt de schoolopleider?')).toContainText('ook: Wie betaalt straks de schoolopleider?');
	await expect(anna.getByRole('heading', { name: 'Kaarten (3)' })).toBeVisible();

	// The Move-to menu puts the last card in Governance.
	await (await cardMenu(cas, 'Wat levert de regio ons op?')).getByRole('button', { name: 'Governance', exact: true }).click();
	await expect(column(facilitator, 'Governance').getByRole('article', { name: 'Wat levert de regio ons op?' })).toBeVisible();
	await phaseShot(bram, testInfo, 'Clusteren');

	// Vote: a budget of three each, tallies hidden from participants until the vote is over.
	await setPhase(facilitator, 'Stemmen');
	await expect(anna.getByText('Je hebt nog 3 van 3 stemmen')).toBeVisible();
	for (const text of ['Wie betaalt de schoolopleider?', 'Wie betaalt de schoolopleider?', 'Hoe houden we regie op de kwaliteit?']) {
		await anna.getByRole('button', { name: `Stem op: ${text}` }).click();
	}
	await expect(anna.getByText('Je hebt nog 0 van 3 stemmen')).toBeVisible();
	await expect(anna.getByRole('button', { name: 'Stem op: Wat levert de regio ons op?' })).toBeDisabled();
	await bram.getByRole('button', { name: 'Stem op: Wie betaalt de schoolopleider?' }).click();
	await expect(bram.getByText('Je hebt nog 2 van 3 stemmen')).toBeVisible();
	// Participants do not see the tallies yet; the facilitator does.
	await expect(card(bram, 'Wie betaalt de schoolopleider?')).not.toContainText('3 stemmen');
	await expect(card(facilitator, 'Wie betaalt de schoolopleider?')).toContainText('3 stemmen');
	await expect(card(facilitator, 'Hoe houden we regie op de kwaliteit?')).toContainText(/\b1 stem(?!men)/);
	await phaseShot(anna, testInfo, 'Stemmen');

	// A vote withdrawn comes back to the budget.
	await anna.getByRole('button', { name: 'Stem intrekken: Hoe houden we regie op de kwaliteit?' }).click();
	await expect(anna.getByText('Je hebt nog 1 van 3 stemmen')).toBeVisible();

	// Discuss: the tallies show to everyone.
	await setPhase(facilitator, 'Bespreken');
	await expect(card(cas, 'Wie betaalt de schoolopleider?')).toContainText('3 stemmen');
	await expect(card(cas, 'Hoe houden we regie op de kwaliteit?')).toContainText('0 stemmen');
	await phaseShot(cas, testInfo, 'Bespreken');

	await setPhase(facilitator, 'Klaar');
	await expect(cas.getByLabel('Jouw vraag')).toHaveCount(0);
	await phaseShot(facilitator, testInfo, 'Klaar');
});
