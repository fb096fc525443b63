import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { seedBusyBoard } from './board-seed';
import { expectLive, expectNoSeriousViolations } from './journeys';

// The busy board (40 long questions, three themes, two clusters) in every phase on a phone, a tablet,
// a laptop and a projector: nothing runs off the side, phone controls are thumb-sized, axe is clean.

const SIZES = [
	{ name: 'phone-360', width: 360, height: 740, phone: true },
	{ name: 'phone-390', width: 390, height: 844, phone: true },
	{ name: 'tablet-768', width: 768, height: 1024, phone: false },
	{ name: 'laptop-1366', width: 1366, height: 900, phone: false },
	{ name: 'projector-1920', width: 1920, height: 1080, phone: false }
] as const;
const PHASES = ['collect', 'cluster', 'vote', 'discuss', 'done'] as const;

/** Horizontal overflow of the page and of every card, as scrollWidth beyond clientWidth. */
async function overflow(page: Page) {
	return page.evaluate(() => {
		const root = document.documentElement;
		const cards = Array.from(document.querySelectorAll<HTMLElement>('article'))
			.filter((a) => a.scrollWidth > a.clientWidth)
			.map((a) => `${a.getAttribute('aria-label')?.slice(0, 40)}: ${a.scrollWidth} > ${a.clientWidth}`);
		return { page: root.scrollWidth > root.clientWidth ? `${root.scrollWidth} > ${root.clientWidth}` : null, cards };
	});
}

/** Visible controls smaller than 44 × 44 CSS pixels. */
async function smallControls(page: Page) {
	return page.evaluate(() => {
		const controls = document.querySelectorAll<HTMLElement>('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])');
		const small: string[] = [];
		for (const el of controls) {
			const box = el.getBoundingClientRect();
			const style = getComputedStyle(el);
			// Not on screen: hidden, or the skip link waiting above the page for keyboard focus.
			if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || box.bottom < 0) continue;
			if (el.closest('.visually-hidden')) continue;
			if (box.width < 44 || box.height < 44) small.push(`${el.tagName} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
		}
		return small;
	});
}

/** Kept as a file in the test's output folder (test-results/…) as well as attached to the report. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
	const path = testInfo.outputPath(`${name}.png`);
	await page.screenshot({ path, fullPage: true });
	await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('the busy board fits every screen in every phase, with thumb-sized controls and no serious axe finding', async ({ browser }, testInfo) => {
	test.setTimeout(600_000);
	const busy = await seedBusyBoard(browser);
	const anna = busy.people[0];
	await busy.setPhase('collect');
	for (const phase of PHASES) {
		await busy.setPhase(phase);
		for (const size of SIZES) {
			await anna.setViewportSize({ width: size.width, height: size.height });
			await anna.goto(busy.tableUrl);
			await expectLive(anna);
			await expect(anna.locator('article')).toHaveCount(40);
			expect.soft(await overflow(anna), `${phase} at ${size.name}`).toEqual({ page: null, cards: [] });
			if (size.phone) expect.soft(await smallControls(anna), `${phase} at ${size.name}`).toEqual([]);
			await expectNoSeriousViolations(anna);
			await shot(anna, testInfo, `board-${phase}-${size.name}`);
		}
	}
	// The facilitator's view (with the facilitator bar) on a phone and on the projector.
	const facilitator = busy.facilitator;
	for (const size of [SIZES[0], SIZES[4]]) {
		await facilitator.setViewportSize({ width: size.width, height: size.height });
		await facilitator.goto(busy.tableUrl);
		await expectLive(facilitator);
		expect(await overflow(facilitator), `facilitator at ${size.name}`).toEqual({ page: null, cards: [] });
		if (size.phone) expect(await smallControls(facilitator), `facilitator at ${size.name}`).toEqual([]);
		await expectNoSeriousViolations(facilitator);
		await shot(facilitator, testInfo, `board-facilitator-${size.name}`);
	}
	await busy.close();
});

test('in the cluster phase a laptop shows at least 12 cards without scrolling, a phone five cards within two screens', async ({ browser }, testInfo) => {
	test.setTimeout(180_000);
	const busy = await seedBusyBoard(browser);
	const anna = busy.people[0];
	await anna.setViewportSize({ width: 1366, height: 900 });
	await anna.goto(busy.tableUrl);
	await expectLive(anna);
	const fullyVisible = () =>
		anna.evaluate(() =>
			Array.from(document.querySelectorAll('article')).filter((a) => {
				const box = a.getBoundingClientRect();
				return box.width > 0 && box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth;
			}).length
		);
	expect(await fullyVisible()).toBeGreaterThanOrEqual(12);
	await testInfo.attach('cluster-laptop-1366', { body: await anna.screenshot(), contentType: 'image/png' });

	await anna.setViewportSize({ width: 390, height: 844 });
	await anna.goto(busy.tableUrl);
	await expectLive(anna);
	const fifthBottom = await anna.evaluate(() => {
		const shown = Array.from(document.querySelectorAll('article')).filter((a) => a.getBoundingClientRect().height > 0);
		return shown[4].getBoundingClientRect().bottom + window.scrollY;
	});
	expect(fifthBottom).toBeLessThanOrEqual(2 * 844);
	await testInfo.attach('cluster-phone-390', { body: await anna.screenshot({ fullPage: true }), contentType: 'image/png' });
	await busy.close();
});
