import { expect, test } from '@playwright/test';
import { expectLive, joinMeeting, prepareMeeting } from './journeys';

test('logging out ends the session: the board and its card API refuse, an open board stops', async ({
	browser
}) => {
	const joinUrl = await prepareMeeting(browser, 'Uitloggen proberen', 'Tafel 1');
	const context = await browser.newContext();
	const board = await context.newPage();
	await joinMeeting(board, joinUrl, {
		name: 'Chris Bakker',
		partnership: 'Academie Deltaleren',
		sector: 'mbo'
	});
	await expectLive(board);
	const boardUrl = board.url();

	// A second tab of the same person keeps the board open while the first logs out.
	const other = await context.newPage();
	await other.goto(boardUrl);
	await expectLive(other);

	await board.getByRole('button', { name: 'Uitloggen' }).click();
	await expect(
		board.getByRole('heading', { level: 1, name: 'Samen denken aan één tafel' })
	).toBeVisible();
	await expect(board.getByRole('button', { name: 'Uitloggen' })).toHaveCount(0);

	await expect(
		other.getByRole('status').filter({ hasText: 'Je bent niet ingelogd.' })
	).toBeVisible();

	await board.goto(boardUrl);
	await expect(board).toHaveURL(/\/\?reason=signed-out$/);
	await expect(board.getByText('Je bent uitgelogd of je sessie is verlopen.')).toBeVisible();

	const api = await context.request.get(boardUrl.replace('/tables/', '/api/tables/') + '/cards');
	expect(api.status()).toBe(401);
	await context.close();
});
