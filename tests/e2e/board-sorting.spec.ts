import { expect, test, type Locator, type Page } from '@playwright/test';
import { seedBusyBoard, type BusyBoard } from './board-seed';
import { card, cardMenu, dragCard, expectLive } from './journeys';

// Sorting, clustering and marking a duplicate each take one drag, or at most two taps or keys: by
// mouse, by touch (a phone-sized, touch-enabled browser) and by keyboard alone.

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const cluster = (page: Page, name: string) => page.getByRole('list', { name: `Kaarten in ${name}`, exact: true });

/** Where the other participant's board says a card is now (the server decided, the doc shows it). */
async function expectIn(page: Page, place: 'Governance' | 'Regie en mandaat', text: string) {
	const where = place === 'Governance' ? column(page, 'Governance') : cluster(page, place);
	await expect(where.getByRole('article', { name: text, exact: true })).toBeVisible();
}

async function expectMerged(page: Page, duplicate: string, into: string) {
	await expect(card(page, into)).toContainText(`ook: ${duplicate}`);
	await expect(card(page, duplicate)).toHaveCount(0);
}

/** A finger drag through the browser's touch input: press, hold for the long-press, move, lift. */
async function touchDrag(page: Page, source: Locator, target: Locator) {
	const cdp = await page.context().newCDPSession(page);
	await source.scrollIntoViewIfNeeded();
	const from = (await source.boundingBox())!;
	const to = (await target.boundingBox())!;
	const point = (x: number, y: number) => [{ x, y, id: 1 }];
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from.x + 30, from.y + 20) });
	await page.waitForTimeout(400);
	for (let i = 1; i <= 10; i++) {
		const x = from.x + 30 + ((to.x + to.width / 2 - from.x - 30) * i) / 10;
		const y = from.y + 20 + ((to.y + to.height / 2 - from.y - 20) * i) / 10;
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(x, y) });
		await page.waitForTimeout(30);
	}
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function boardFor(busy: BusyBoard, page: Page, viewport: { width: number; height: number }) {
	await page.setViewportSize(viewport);
	await page.goto(busy.tableUrl);
	await expectLive(page);
}

test('by mouse: one drag sorts, one drag clusters, two clicks mark a duplicate', async ({ browser }) => {
	test.setTimeout(120_000);
	const busy = await seedBusyBoard(browser, { cards: 16 });
	const [anna, bram] = busy.people;
	await boardFor(busy, anna, { width: 1366, height: 1400 });
	await boardFor(busy, bram, { width: 1366, height: 900 });
	const [q0, q1, q2, q3] = busy.questions;

	await dragCard(anna, card(anna, q0), anna.getByRole('group', { name: 'Kaarten in Governance' }).locator('> ul').last());
	await expectIn(bram, 'Governance', q0);

	await dragCard(anna, card(anna, q1), cluster(anna, 'Regie en mandaat'));
	await expectIn(bram, 'Regie en mandaat', q1);

	await (await cardMenu(anna, q2)).getByRole('button', { name: `Dubbel van: ${q3}`, exact: true }).click();
	await expectMerged(bram, q2, q3);

	// Or two keys: D on a card opens its menu on the most alike candidate, Enter marks it.
	const q5 = busy.questions[5];
	await card(anna, q5).focus();
	await anna.keyboard.press('d');
	const focused = anna.locator('button.candidate:focus');
	await expect(focused).toBeVisible();
	// The candidate's own text (the button also holds a hidden "Dubbel van:" for screen readers).
	const into = await focused.evaluate((b) =>
		Array.from(b.childNodes)
			.filter((n) => n.nodeType === Node.TEXT_NODE)
			.map((n) => n.textContent)
			.join('')
			.trim()
	);
	await anna.keyboard.press('Enter');
	await expectMerged(bram, q5, into);
	await busy.close();
});

test('by touch on a phone: two taps sort, cluster or mark a duplicate; one finger drag onto a theme tab sorts', async ({ browser }) => {
	test.setTimeout(120_000);
	const busy = await seedBusyBoard(browser, { cards: 16 });
	const bram = busy.people[1];
	await boardFor(busy, bram, { width: 1366, height: 900 });
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const phone = await context.newPage();
	// The same participant on a phone (her session cookie carried over).
	await context.addCookies(await busy.people[0].context().cookies());
	await phone.goto(busy.tableUrl);
	await expectLive(phone);
	const [q0, q1, q2, q3] = busy.questions;
	const tapMenu = async (text: string) => {
		await phone.getByRole('button', { name: `Acties voor kaart: ${text}` }).tap();
		const sheet = phone.getByRole('dialog', { name: 'Wat wil je met deze kaart?' });
		await expect(sheet).toBeVisible();
		return sheet;
	};

	await (await tapMenu(q0)).getByRole('button', { name: 'Governance', exact: true }).tap();
	await expectIn(bram, 'Governance', q0);
	await (await tapMenu(q1)).getByRole('button', { name: 'Governance › Regie en mandaat', exact: true }).tap();
	await expectIn(bram, 'Regie en mandaat', q1);
	await (await tapMenu(q2)).getByRole('button', { name: `Dubbel van: ${q3}`, exact: true }).tap();
	await expectMerged(bram, q2, q3);

	// One drag by finger: hold the card a moment, then move it onto the Governance tab.
	const q5 = busy.questions[5];
	await touchDrag(phone, card(phone, q5), phone.getByRole('button', { name: /^Governance/ }));
	await expectIn(bram, 'Governance', q5);

	// The bottom sheet sits at the bottom of the screen, full width, and closes after the choice.
	const sheet = await tapMenu(busy.questions[4]);
	const box = (await sheet.boundingBox())!;
	expect(Math.round(box.x)).toBe(0);
	expect(Math.round(box.y + box.height)).toBe(844);
	await sheet.getByRole('button', { name: 'Sluiten' }).tap();
	await expect(sheet).toBeHidden();
	await context.close();
	await busy.close();
});

test('by keyboard alone: one key sorts, two keys cluster, two keys mark a duplicate', async ({ browser }) => {
	test.setTimeout(120_000);
	const busy = await seedBusyBoard(browser, { cards: 16 });
	const [anna, bram] = busy.people;
	await boardFor(busy, anna, { width: 1366, height: 900 });
	await boardFor(busy, bram, { width: 1366, height: 900 });
	const [q0, q1, q2, q3] = busy.questions;

	// Sort: a focused card and the theme's number.
	await card(anna, q0).focus();
	await anna.keyboard.press('1');
	await expectIn(bram, 'Governance', q0);

	// Cluster: Enter on the card's menu button, then the place's number (3 = Governance › Regie en mandaat).
	await anna.getByRole('button', { name: `Acties voor kaart: ${q1}` }).focus();
	await anna.keyboard.press('Enter');
	const sheet = anna.getByRole('dialog', { name: 'Wat wil je met deze kaart?' });
	await expect(sheet.getByRole('button', { name: 'Governance › Regie en mandaat' })).toHaveAttribute('aria-keyshortcuts', '3');
	await anna.keyboard.press('3');
	await expectIn(bram, 'Regie en mandaat', q1);
	await expect(sheet).toBeHidden();

	// Duplicate: the menu by Enter, the candidate by its full text.
	await anna.getByRole('button', { name: `Acties voor kaart: ${q2}` }).focus();
	await anna.keyboard.press('Enter');
	await sheet.getByRole('button', { name: `Dubbel van: ${q3}`, exact: true }).focus();
	await anna.keyboard.press('Enter');
	await expectMerged(bram, q2, q3);

	// And @dnd-kit's own keyboard drag: Space picks the card up, arrows move it, Space drops it.
	const q4 = busy.questions[4];
	await card(anna, q4).focus();
	await anna.keyboard.press('Space');
	for (let i = 0; i < 4; i++) await anna.keyboard.press('ArrowRight');
	await anna.keyboard.press('Space');
	await expect(column(bram, 'Nog niet ingedeeld').getByRole('article', { name: q4, exact: true })).toHaveCount(0);
	await busy.close();
});
