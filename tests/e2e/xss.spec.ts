import { expect, test, type Page } from '@playwright/test';
import { addCard, createMeeting, demoFacilitator, expectLive, joinMeeting, logInAs } from './journeys';

// Markup typed by people (a meeting title, a report introduction and conclusions, poll options, a
// participant's name, a card) must come back as text on every page that shows it. Two guards: the
// injected elements carry `data-xss`, and none may appear in the DOM; any dialog fails the test
// (were the CSP to miss an inline handler). The same pages double as the check that the app works
// under its Content-Security-Policy: any CSP report in the console fails the test too.

const bad = (label: string) => `${label} <img src=x onerror=alert(1) data-xss><script data-xss>alert(2)</script>`;
const TITLE = bad('Sessie');
const INTRO = `${bad('Inleiding')}\n\n[klik](javascript:alert(3)) <svg onload=alert(4) data-xss></svg>`;
const CONCLUSION = bad('Conclusie');
const OPTION = bad('Optie');
const NAME = 'Eva <img src=x onerror=alert(5) data-xss>';
const CARD = bad('Kaart');

function watch(page: Page, problems: string[]) {
	page.on('dialog', (dialog) => {
		problems.push(`dialog: ${dialog.message()}`);
		void dialog.dismiss();
	});
	page.on('console', (msg) => {
		if (/Content.Security.Policy|Refused to (execute|load|apply|connect)/i.test(msg.text())) problems.push(`csp: ${msg.text()}`);
	});
	page.on('pageerror', (error) => problems.push(`error: ${error.message}`));
}

async function expectOnlyText(page: Page, ...texts: string[]) {
	for (const text of texts) await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
	expect(await page.locator('[data-xss]').count()).toBe(0);
	expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
}

test('markup in titles, introductions, options, names and cards renders as text, under the CSP', async ({ browser }) => {
	const problems: string[] = [];
	const staff = await (await browser.newContext()).newPage();
	watch(staff, problems);
	await logInAs(staff, demoFacilitator());
	const joinUrl = await createMeeting(staff, TITLE, 'Tafel 1');
	const meetingId = /\/meetings\/([^/?#]+)/.exec(staff.url())![1];
	const origin = new URL(staff.url()).origin;
	const form = (path: string, fields: Record<string, string>) =>
		staff.request.post(path, { form: fields, headers: { origin, accept: 'application/json' } });

	expect((await form(`/meetings/${meetingId}?/details`, { title: TITLE, introduction: INTRO, date: '', time: '', place: '', seriesId: '' })).ok()).toBe(true);
	expect((await form(`/meetings/${meetingId}/report?/texts`, { conclusions: CONCLUSION, nextSteps: '' })).ok()).toBe(true);
	const question = await staff.request.post(`/api/meetings/${meetingId}/poll/questions`, {
		headers: { origin },
		data: { commandId: `xss-${Date.now()}`, key: 'positie', type: 'single', prompt: bad('Vraag'), options: [{ id: 'a', label: OPTION }, { id: 'b', label: 'Gewoon' }] }
	});
	expect(question.status()).toBe(201);

	const participant = await (await browser.newContext()).newPage();
	watch(participant, problems);
	await joinMeeting(participant, joinUrl, { name: NAME, partnership: 'Opleiden in het Heuvelland', sector: 'vo' });
	await expectLive(participant);
	// The board works live under the CSP: the facilitator watches the card arrive over the WebSocket.
	await staff.goto(participant.url());
	await expectLive(staff);
	await addCard(participant, CARD);
	await expectOnlyText(participant, CARD, NAME);
	await expectOnlyText(staff, CARD, NAME);
	await participant.goto(`/meetings/${meetingId}/poll`);
	await expectOnlyText(participant, OPTION, TITLE);

	for (const [path, texts] of [
		[`/meetings/${meetingId}`, [TITLE, 'Inleiding <img']],
		[`/meetings/${meetingId}/poll/results`, [OPTION]],
		[`/meetings/${meetingId}/report`, [TITLE, 'Conclusie <img']],
		[`/present/${meetingId}`, [TITLE]],
		['/meetings', [TITLE]]
	] as const) {
		await staff.goto(path);
		await expectOnlyText(staff, ...texts);
	}
	expect(problems).toEqual([]);
});
