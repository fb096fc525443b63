import { join } from 'node:path';
import { test } from '@playwright/test';
import { seedBusyBoard } from './board-seed';
import { expectLive } from './journeys';

// Screenshots of the busy board in the cluster phase for the closing note (SCREENS=before|after).
const label = process.env.SCREENS ?? 'after';

test('the busy board in the cluster phase, on a phone and a laptop', async ({ browser }, testInfo) => {
	test.setTimeout(180_000);
	// SCREENS_DIR=/some/folder keeps them where a person looks; by default the test's output folder.
	const file = (name: string) => join(process.env.SCREENS_DIR ?? testInfo.outputDir, name);
	const busy = await seedBusyBoard(browser);
	const anna = busy.people[0];
	for (const [name, viewport] of [
		['phone', { width: 390, height: 844 }],
		['laptop', { width: 1366, height: 900 }],
		['projector', { width: 1920, height: 1080 }]
	] as const) {
		await anna.setViewportSize(viewport);
		await anna.goto(busy.tableUrl);
		await expectLive(anna);
		await anna.evaluate(() => window.scrollTo(0, 0));
		await anna.screenshot({ path: file(`${label}-cluster-${name}.png`), fullPage: false });
		await anna.screenshot({ path: file(`${label}-cluster-${name}-full.png`), fullPage: true });
		await anna.getByRole('article').first().scrollIntoViewIfNeeded();
		await anna.evaluate(() => window.scrollBy(0, -120));
		await anna.screenshot({ path: file(`${label}-cluster-${name}-cards.png`) });
		const width = await anna.evaluate(() => document.documentElement.scrollWidth);
		console.log(label, name, 'scrollWidth', width, 'height', await anna.evaluate(() => document.documentElement.scrollHeight));
	}
	// The facilitator's bar on a laptop.
	await busy.facilitator.setViewportSize({ width: 1366, height: 900 });
	await busy.facilitator.goto(busy.tableUrl);
	await expectLive(busy.facilitator);
	await busy.facilitator.screenshot({ path: file(`${label}-cluster-facilitator-laptop.png`) });
	// The collect phase on a phone: the add field first.
	await busy.setPhase('collect');
	await anna.setViewportSize({ width: 390, height: 844 });
	await anna.goto(busy.tableUrl);
	await expectLive(anna);
	await anna.screenshot({ path: file(`${label}-collect-phone.png`) });
	// The vote phase on a phone, with the budget in sight.
	await busy.setPhase('vote');
	await anna.setViewportSize({ width: 390, height: 844 });
	await anna.goto(busy.tableUrl);
	await expectLive(anna);
	await anna.getByRole('article').nth(3).scrollIntoViewIfNeeded();
	await anna.screenshot({ path: file(`${label}-vote-phone.png`) });
	await busy.close();
});
