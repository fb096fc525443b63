import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { demoFacilitator, expectNoSeriousViolations, fillJoinForm, logInAs } from './journeys';

// The facilitator's and participants' screens around the board, with the played-through demo meeting,
// at a phone, a laptop and a projector size: kept as artifacts to look at, and checked by axe.

test.describe.configure({ timeout: 180_000 });

const DEMO = 'Voorbeeld: opdenksessie met antwoorden';
const SIZES = [
	{ name: 'phone', width: 390, height: 844 },
	{ name: 'laptop', width: 1366, height: 900 },
	{ name: 'wall', width: 1920, height: 1080 }
] as const;

/** The first screen as people see it, and the whole page. */
async function shoot(testInfo: TestInfo, page: Page, name: string) {
	for (const fullPage of [false, true]) {
		const file = `${name}${fullPage ? '-full' : ''}`;
		await testInfo.attach(file, { body: await page.screenshot({ path: testInfo.outputPath(`${file}.png`), fullPage }), contentType: 'image/png' });
	}
}

/** Nothing runs off the side: the page is no wider than the window. */
async function expectNoSidewaysScroll(page: Page) {
	const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(scroll).toBeLessThanOrEqual(client);
}

async function facilitatorOnDemo(browser: Browser): Promise<{ page: Page; meetingUrl: string; joinUrl: string }> {
	const page = await (await browser.newContext()).newPage();
	await logInAs(page, demoFacilitator());
	await page.getByRole('link', { name: DEMO }).first().click();
	await expect(page).toHaveURL(/\/meetings\/[a-z2-7]+$/);
	return { page, meetingUrl: page.url(), joinUrl: await page.getByLabel('Link om mee te doen').inputValue() };
}

test('the meeting page, the dashboard and the projector at three sizes', async ({ browser }, testInfo) => {
	const { page, meetingUrl } = await facilitatorOnDemo(browser);
	for (const size of SIZES) {
		await page.setViewportSize(size);
		await page.goto(meetingUrl);
		await expect(page.getByRole('region', { name: 'Verloop van de opdenksessie' })).toBeVisible();
		await expectNoSidewaysScroll(page);
		await shoot(testInfo, page, `meeting-${size.name}`);
		await page.goto(`${meetingUrl}/dashboard`);
		await expect(page.getByRole('region', { name: /^Tafel 1/ })).toBeVisible();
		await expectNoSidewaysScroll(page);
		await shoot(testInfo, page, `dashboard-${size.name}`);
	}
	await expectNoSeriousViolations(page);
	await page.goto(meetingUrl);
	await expectNoSeriousViolations(page);
	const meetingId = meetingUrl.split('/meetings/')[1];
	for (const size of SIZES.slice(1)) {
		await page.setViewportSize(size);
		await page.goto(`/present/${meetingId}`);
		await expect(page.getByText('en vul deze code in')).toBeVisible();
		await page.mouse.move(0, 0);
		await shoot(testInfo, page, `projector-${size.name}`);
	}
	await expectNoSeriousViolations(page);
});

test('a participant joins and sees the poll first, with the next step to their table', async ({ browser }, testInfo) => {
	const { joinUrl } = await facilitatorOnDemo(browser);
	const phone = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
	await phone.goto(joinUrl);
	await fillJoinForm(phone, { name: 'Sanne Schermtest', partnership: 'Partnerschap IJsselkracht', sector: 'po' });
	await expect(phone).toHaveURL(/\/poll$/);
	// The demo meeting lets people choose their table: the next step is choosing one.
	const next = phone.getByRole('region', { name: 'Volgende stap' });
	await expect(next.getByRole('link', { name: 'Kies je tafel' })).toBeVisible();
	await expectNoSidewaysScroll(phone);
	await shoot(testInfo, phone, 'poll-phone');
	await expectNoSeriousViolations(phone);
	await phone.setViewportSize(SIZES[1]);
	await shoot(testInfo, phone, 'poll-laptop');
	await phone.setViewportSize(SIZES[0]);
	await next.getByRole('link', { name: 'Kies je tafel' }).click();
	await expect(phone.getByRole('heading', { level: 1, name: 'Aan welke tafel ga je zitten?' })).toBeVisible();
	await expectNoSidewaysScroll(phone);
	await shoot(testInfo, phone, 'choose-table-phone');
	await phone.getByRole('button', { name: /^Aan Tafel 2/ }).click();
	await expect(phone).toHaveURL(/\/tables\//);
	// Back on the poll, the next step is now that table.
	await phone.goBack();
	await phone.goBack();
	await phone.reload();
	await expect(next.getByRole('link', { name: /^Naar je tafel: Tafel 2/ })).toBeVisible();
	// The plenary page before the round: what it is for, without buttons that do nothing yet.
	await phone.goto(phone.url().replace(/\/poll$/, '/plenary'));
	await expect(phone.getByRole('heading', { level: 1 })).toBeVisible();
	await expectNoSidewaysScroll(phone);
	await shoot(testInfo, phone, 'plenary-phone');
	await expectNoSeriousViolations(phone);
});
