import { expect, test, type WebSocketRoute } from '@playwright/test';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { encodeGeneration } from '../../src/lib/realtime/doc-generation.ts';
import { addCard, card, createMeeting, demoFacilitator, expectLive, joinMeeting, logInAs, prepareMeeting } from './journeys';

// When the server's doc is replaced (a backup restored), a page that stays open must drop the doc it
// holds, not merge it into the new one. The test stands between the page and the hub: it slips a card
// into the page's doc that the server does not have (what a restore takes away), then announces a new
// generation on the next connection, as the hub does after a restore.

function ghostCardFrame(): Uint8Array {
	return ghostFrame('cards', {
		id: 'ghostcardaaaaaaaaaaa', text: 'Een vraag van voor het terugzetten', authorName: null, themeId: null,
		clusterId: null, orderKey: 'a0', createdAt: 1, updatedAt: 1, votes: null, merged: []
	});
}

/** A sync update that sets one entry (keyed by its id) in one of the doc's maps. */
function ghostFrame(map: string, entry: { id: string; [field: string]: unknown }): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap(map).set(entry.id, entry);
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0); // sync
	encoding.writeVarUint(e, 2); // update
	encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
	return encoding.toUint8Array(e);
}

const isGeneration = (m: string | Buffer) => typeof m !== 'string' && m[0] === 2 && m[1] === 1;

test('an open board starts over with a new doc when the server announces a replaced one', async ({ page, browser }) => {
	const joinUrl = await prepareMeeting(browser, 'Teruggezet', 'Tafel 1');
	const routes: WebSocketRoute[] = [];
	let announceNewGeneration = false;
	await page.routeWebSocket(/\/yjs\/table:/, (ws) => {
		const server = ws.connectToServer();
		if (announceNewGeneration) {
			announceNewGeneration = false;
			server.onMessage((m) => ws.send(isGeneration(m) ? Buffer.from(encodeGeneration(99)) : m));
		}
		routes.push(ws);
	});
	await joinMeeting(page, joinUrl, { name: 'Hanna', partnership: 'Opleiden in het Heuvelland', sector: 'po' });
	await expectLive(page);

	routes.at(-1)!.send(Buffer.from(ghostCardFrame()));
	await expect(card(page, 'Een vraag van voor het terugzetten')).toBeVisible();

	announceNewGeneration = true;
	await routes.at(-1)!.close({ code: 1013, reason: 'restored' });
	await expectLive(page);
	// Once the new doc is live (a new card shows through it), the card the server never had is gone.
	// While reconnecting the board shows the page's own data, so this is asserted only after.
	await addCard(page, 'Na het terugzetten');
	await expect(card(page, 'Na het terugzetten')).toBeVisible();
	await expect(card(page, 'Een vraag van voor het terugzetten')).toHaveCount(0);
	expect(routes.length).toBeGreaterThanOrEqual(3); // first, the one announcing generation 99, the fresh one
});

test('an open dashboard starts over with a new doc when the server announces a replaced one', async ({ page }) => {
	await logInAs(page, demoFacilitator());
	await createMeeting(page, 'Teruggezet dashboard', 'Tafel 1');
	const meetingUrl = page.url();
	const routes: WebSocketRoute[] = [];
	let announceNewGeneration = false;
	await page.routeWebSocket(/\/yjs\/facilitation:/, (ws) => {
		const server = ws.connectToServer();
		if (announceNewGeneration) {
			announceNewGeneration = false;
			server.onMessage((m) => ws.send(isGeneration(m) ? Buffer.from(encodeGeneration(99)) : m));
		}
		routes.push(ws);
	});
	await page.goto(`${meetingUrl}/dashboard`);
	await expect(page.getByText('Live verbonden')).toBeVisible();

	const ghostTable = {
		id: 'ghosttableaaaaaaaaaa', tableId: 'ghosttableaaaaaaaaaa', name: 'Tafel van voor het terugzetten', phase: 'collect',
		phaseEndsAt: null, seated: 0, cards: 0, votesCast: 0, votesLeft: 0, lastCardAt: null
	};
	routes.at(-1)!.send(Buffer.from(ghostFrame('tableFigures', ghostTable)));
	const ghostTile = page.getByRole('heading', { level: 2, name: 'Tafel van voor het terugzetten' });
	await expect(ghostTile).toBeVisible();

	announceNewGeneration = true;
	await routes.at(-1)!.close({ code: 1013, reason: 'restored' });
	await expect.poll(() => routes.length).toBeGreaterThanOrEqual(3);
	await expect(page.getByText('Live verbonden')).toBeVisible();
	await expect(ghostTile).toHaveCount(0);
	await expect(page.getByRole('heading', { level: 2, name: 'Tafel 1' })).toBeVisible();
});
