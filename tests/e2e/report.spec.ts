import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { ADMIN, demoFacilitator, expectNoSeriousViolations, fillJoinForm, logInAs } from './journeys';

test.describe.configure({ timeout: 180_000 });

const DEMO = 'Voorbeeld: opdenksessie met antwoorden';
const SLUG = 'voorbeeld-opdenksessie-met-antwoorden';

/** Clicks a download link; returns the file's suggested name and its bytes. */
async function download(page: Page, name: string): Promise<{ file: string; bytes: Buffer }> {
	const [got]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
	return { file: got.suggestedFilename(), bytes: readFileSync((await got.path())!) };
}

test('the facilitator finishes and downloads the report, a participant is refused it; the admin summarises and searches', async ({ page, browser }, testInfo) => {
	await logInAs(page, demoFacilitator());
	await page.getByRole('link', { name: DEMO }).first().click();
	await expect(page).toHaveURL(/\/meetings\/[a-z2-7]+$/);
	const meetingUrl = page.url();
	const joinUrl = await page.getByLabel('Link om mee te doen').inputValue();
	await page.getByRole('link', { name: 'Verslag', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: DEMO })).toBeVisible();
	// The played-through meeting: tables with their key questions in the preview.
	await expect(page.getByRole('heading', { name: '4. Per gesprekstafel' })).toBeVisible();
	// A key question reads "text (n stemmen) — door name", spaced as in the exported files.
	await expect(page.getByRole('listitem').filter({ hasText: /\(\d+ stem(men)?\) — door \S/ }).first()).toBeVisible();
	// What people wrote is grouped: an answer several people gave stands once, with its count.
	const answers = page.getByRole('list', { name: 'Antwoorden', exact: true });
	const repeated = answers.getByRole('listitem').filter({ hasText: /\(\d+×\)/ }).first();
	await expect(repeated).toBeVisible();
	const sentence = (await repeated.getByRole('paragraph').first().textContent())!.replace(/\s*\(\d+×\)[\s\S]*$/, '').trim();
	expect(sentence.length).toBeGreaterThan(10);
	await expect(answers.getByText(sentence, { exact: false })).toHaveCount(1);
	await expectNoSeriousViolations(page);
	await repeated.scrollIntoViewIfNeeded();
	await testInfo.attach('report-grouped-answers', { body: await page.screenshot({ path: testInfo.outputPath('report-grouped-answers.png') }), contentType: 'image/png' });

	const conclusion = `De regio vraagt om één aanspreekpunt per partnerschap (${Date.now() % 10000}).`;
	await page.getByRole('textbox', { name: 'Conclusies' }).fill(conclusion);
	await page.getByRole('textbox', { name: 'Vervolgstappen' }).fill('- Een verkenning met de besturen');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen' })).toBeVisible();

	const pdf = await download(page, 'Verslag als PDF');
	expect(pdf.file).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}-${SLUG}\\.pdf$`));
	expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
	const docx = await download(page, 'Verslag als Word-bestand (DOCX)');
	expect(docx.file).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}-${SLUG}\\.docx$`));
	expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
	const md = await download(page, 'Verslag als Markdown');
	expect(md.file).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}-${SLUG}\\.md$`));
	expect(md.bytes.toString('utf8')).toContain(conclusion);
	await page.reload();
	await expect(page.getByRole('link', { name: `${pdf.file} downloaden` }).first()).toBeVisible();

	// A participant of the meeting is refused the report, page and file alike.
	const context = await browser.newContext();
	const participant = await context.newPage();
	await participant.goto(joinUrl);
	await fillJoinForm(participant, { name: 'Pim Programmaleider', partnership: 'Partnerschap IJsselkracht', sector: 'vo' });
	await expect(participant).not.toHaveURL(/\/join\//);
	await participant.goto(`${meetingUrl}/report`);
	// Facilitator pages send a participant to the staff login, showing nothing of the meeting.
	await expect(participant).toHaveURL(/\/login/);
	await expect(participant.getByRole('heading', { name: DEMO })).toHaveCount(0);
	const file = await participant.request.get(`${meetingUrl.replace(/\/meetings\//, '/api/meetings/')}/report/pdf`);
	expect(file.status()).toBe(403);
	await context.close();

	// The admin summarises the demo meeting and downloads the PDF.
	await page.context().clearCookies();
	await logInAs(page, ADMIN);
	await page.getByRole('link', { name: 'Reekssamenvatting' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Samenvatting van een reeks' })).toBeVisible();
	await page.getByRole('checkbox', { name: new RegExp(`^${DEMO}`) }).first().check();
	await page.getByRole('button', { name: 'Samenvatting tonen' }).click();
	await expect(page.getByRole('heading', { name: '3. Kernvragen per thema' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Governance', level: 4 })).toBeVisible();
	await expectNoSeriousViolations(page);
	const summary = await download(page, 'Samenvatting als PDF');
	expect(summary.file).toMatch(/^\d{4}-\d{2}-\d{2}-gekozen-opdenksessies\.pdf$/);
	expect(summary.bytes.length).toBeGreaterThan(5000);
	await page.reload();
	await expect(page.getByRole('link', { name: `${summary.file} downloaden` }).first()).toBeVisible();

	// A search finds a known key question of the demo meeting.
	await page.getByRole('link', { name: 'Zoeken', exact: true }).click();
	const search = page.getByRole('search', { name: 'Zoekopdracht' });
	await search.getByLabel('Woorden').fill('penvoerder');
	await search.getByLabel('Thema', { exact: true }).selectOption({ label: 'Governance' });
	await search.getByRole('button', { name: 'Zoeken' }).click();
	await expect(page.getByRole('cell', { name: 'Kiezen we zelf onze rol, of bepaalt de penvoerder die?' }).first()).toBeVisible();
	await expect(page.getByRole('heading', { name: /kernvragen gevonden/ })).toBeVisible();
	await expectNoSeriousViolations(page);
});
