import { expect, test, type Page } from '@playwright/test';
import { ADMIN, demoFacilitator, expectNoSeriousViolations, logInAs, openMeeting } from './journeys';

// Several browsers, many pages and two axe runs per test: more than the default 30 s on a small CI machine.
test.describe.configure({ timeout: 90_000 });


/** From the meetings page, creates a meeting from the Opdenksessie template; lands on its page. */
async function createFromTemplate(page: Page, title: string): Promise<void> {
	await page.goto('/meetings');
	const form = page.getByRole('region', { name: 'Nieuwe opdenksessie uit sjabloon' });
	await form.getByLabel('Titel', { exact: true }).fill(title);
	await form.getByRole('button', { name: 'Aanmaken uit sjabloon' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('a meeting from the template is a draft until opened, then the join page works', async ({
	browser
}) => {
	const facilitator = await (await browser.newContext()).newPage();
	await logInAs(facilitator, demoFacilitator());
	await createFromTemplate(facilitator, 'Opdenksessie uit het sjabloon');
	await expect(facilitator.getByText('Status: concept')).toBeVisible();
	// The course of the meeting, with the step it is at and what to do next.
	const course = facilitator.getByRole('region', { name: 'Verloop van de opdenksessie' });
	await expect(course.locator('[aria-current="step"]')).toContainText('Voorbereiden');
	await expect(course.getByText('open dan de opdenksessie', { exact: false })).toBeVisible();
	await expect(facilitator.getByRole('link', { name: 'Tafel 1 · Ecosysteem' })).toBeVisible();
	await expect(facilitator.getByRole('link', { name: /^Tafel \d/ })).toHaveCount(6);
	for (const theme of ['Governance', 'Financiën', 'Kwaliteit']) {
		await expect(
			facilitator.getByRole('region', { name: 'Thema’s' }).getByText(theme, { exact: true })
		).toBeVisible();
	}
	await expect(facilitator.getByText('Vragen: 6')).toBeVisible();
	// A template table nobody will use can go, so the report does not list it as empty.
	await facilitator.getByRole('button', { name: 'Tafel 6 · Open tafel verwijderen' }).click();
	await expect(facilitator.getByRole('link', { name: /^Tafel \d/ })).toHaveCount(5);
	await expect(facilitator.getByRole('link', { name: 'Tafel 6 · Open tafel' })).toHaveCount(0);
	const joinUrl = await facilitator.getByLabel('Link om mee te doen').inputValue();

	const participant = await (await browser.newContext()).newPage();
	await participant.goto(joinUrl);
	await expect(participant.getByText('Deze opdenksessie is nog niet open.')).toBeVisible();

	await openMeeting(facilitator);
	await expect(course.locator('[aria-current="step"]')).toContainText('Open');
	await expect(course.getByText('Start de sessie (live)', { exact: false })).toBeVisible();
	await participant.goto(joinUrl);
	await expect(
		participant.getByRole('heading', {
			level: 1,
			name: 'Meedoen aan: Opdenksessie uit het sjabloon'
		})
	).toBeVisible();
});

test('the facilitator edits the details; the date is shown in Dutch time', async ({ page }) => {
	await logInAs(page, demoFacilitator());
	await createFromTemplate(page, 'Te bewerken sessie');
	const details = page.getByRole('region', { name: 'Gegevens bewerken' });
	await details.getByLabel('Titel', { exact: true }).fill('Bewerkte sessie');
	await details.getByLabel('Datum').fill('2026-07-02');
	await details.getByLabel('Begintijd').fill('14:30');
	await details.getByLabel('Plaats').fill('Utrecht, Jaarbeurs');
	await details
		.getByLabel('Inleiding')
		.fill('Welkom bij de **opdenksessie**.\n\n- poll\n- gesprekstafels');
	await details.getByRole('button', { name: 'Gegevens opslaan' }).click();
	await expect(page.getByText('De wijzigingen zijn opgeslagen.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Bewerkte sessie' })).toBeVisible();
	await expect(page.getByText('donderdag 2 juli 2026 om 14:30')).toBeVisible();
	await expect(page.getByText('Utrecht, Jaarbeurs', { exact: true })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Inleiding' }).getByRole('listitem')).toHaveText([
		'poll',
		'gesprekstafels'
	]);
	await page.reload();
	await expect(
		page.getByRole('region', { name: 'Gegevens bewerken' }).getByLabel('Begintijd')
	).toHaveValue('14:30');
});

test('a co-facilitator added by email sees the meeting; an unknown address is explained', async ({
	browser
}) => {
	const admin = await (await browser.newContext()).newPage();
	await logInAs(admin, ADMIN);
	await admin.goto('/admin/accounts');
	await admin.getByLabel('Naam', { exact: true }).fill('Mees Medebegeleider');
	await admin.getByLabel('E-mailadres').fill('mees@e2e.test');
	await admin.getByRole('button', { name: 'Account aanmaken' }).click();
	const password = await admin.getByLabel('Eenmalig wachtwoord').inputValue();

	const owner = await (await browser.newContext()).newPage();
	await logInAs(owner, demoFacilitator());
	await createFromTemplate(owner, 'Samen begeleid');
	const team = owner.getByRole('region', { name: 'Begeleiders' });
	await team.getByLabel('E-mailadres van de medebegeleider').fill('onbekend@e2e.test');
	await team.getByRole('button', { name: 'Medebegeleider toevoegen' }).click();
	await expect(team.getByText('Er is geen actief account met dit e-mailadres.')).toBeVisible();
	await team.getByLabel('E-mailadres van de medebegeleider').fill('mees@e2e.test');
	await team.getByRole('button', { name: 'Medebegeleider toevoegen' }).click();
	await expect(team.getByRole('button', { name: 'Mees Medebegeleider verwijderen' })).toBeVisible();

	const mees = await (await browser.newContext()).newPage();
	await logInAs(mees, { email: 'mees@e2e.test', password });
	await mees.getByLabel('Huidig wachtwoord').fill(password);
	await mees.getByLabel('Nieuw wachtwoord').fill('samen begeleiden is leuk');
	await mees.getByLabel('Herhaal het nieuwe wachtwoord').fill('samen begeleiden is leuk');
	await mees.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
	await expect(mees.getByText('Je wachtwoord is gewijzigd.')).toBeVisible();
	await mees.goto('/meetings');
	await mees.getByRole('link', { name: 'Samen begeleid' }).click();
	await expect(mees.getByRole('heading', { level: 1, name: 'Samen begeleid' })).toBeVisible();
});

test('the meeting page shows the QR code with a name and passes axe; so does the projector link', async ({
	browser
}) => {
	const page = await (await browser.newContext()).newPage();
	await logInAs(page, demoFacilitator());
	await createFromTemplate(page, 'Op het grote scherm');
	await expect(
		page.getByRole('img', { name: 'QR-code om mee te doen aan Op het grote scherm' })
	).toBeVisible();
	await expectNoSeriousViolations(page);

	await page.getByRole('button', { name: 'Projectorlink maken' }).click();
	const projectorUrl = await page.getByLabel('Projectorlink', { exact: true }).inputValue();
	expect(projectorUrl).toMatch(/\/present\/[a-z0-9]+\?token=[a-z2-7]{32}$/);

	// A browser that is not signed in: the token alone opens the projector view.
	const projector = await (
		await browser.newContext({ viewport: { width: 1920, height: 1080 } })
	).newPage();
	await projector.goto(projectorUrl);
	await expect(
		projector.getByRole('heading', { level: 1, name: 'Op het grote scherm' })
	).toBeVisible();
	await expect(
		projector.getByRole('img', { name: 'QR-code om mee te doen aan Op het grote scherm' })
	).toBeVisible();
	// "Go to <site> and enter this code": the code is on the wall once, not also inside the address.
	await expect(projector.getByText('en vul deze code in')).toBeVisible();
	await expect(projector.getByText(/\/join\//)).toHaveCount(0);
	// Its own links stay out of sight on the wall until pointed at or tabbed to.
	const nav = projector.getByRole('navigation', { name: 'Projectorweergaven' });
	await expect(nav).toHaveCSS('opacity', '0');
	await nav.getByRole('link').first().focus();
	await expect(nav).toHaveCSS('opacity', '1');
	await expectNoSeriousViolations(projector);

	// Live through the public meeting room, opened with the token alone: the facilitator puts a
	// question on the screen and the projector shows it without reloading.
	const meetingId = /\/present\/([a-z0-9]+)\?/.exec(projectorUrl)![1];
	const poll = await (await page.request.get(`/api/meetings/${meetingId}/poll`)).json();
	const first = poll.questions[0] as { id: string; prompt: string };
	const shown = await page.request.post(`/api/meetings/${meetingId}/poll/current`, {
		data: { commandId: `e2e-current-${Date.now()}`, questionId: first.id }
	});
	expect(shown.status()).toBe(200);
	await expect(projector.getByText(first.prompt)).toBeVisible();
	// The projector link only shows: the controls are for a facilitator's own browser.
	await expect(projector.getByRole('navigation', { name: 'Bediening van het scherm' })).toHaveCount(0);
	const forged = await projector.request.post(`/api/meetings/${meetingId}/poll/current`, {
		data: { commandId: `e2e-forged-${Date.now()}`, questionId: null }
	});
	expect(forged.status()).toBe(401);

	// A regenerated link replaces the old one.
	await page.getByRole('button', { name: 'Nieuwe projectorlink maken' }).click();
	await expect(page.getByLabel('Projectorlink', { exact: true })).not.toHaveValue(projectorUrl);
	const response = await projector.goto(projectorUrl);
	expect(response?.status()).toBe(403);
});
