import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { cards, meetings } from '../../src/lib/server/db/schema.ts';
import { runTableCommand } from '../../src/lib/server/boards/table-commands.ts';
import { loadBoardCard } from '../../src/lib/server/boards/board-view.ts';
import { projectChange } from '../../src/lib/server/boards/project-change.ts';
import { boardCards } from '../../src/lib/realtime/board-doc.ts';
import type { BoardChange } from '../../src/lib/server/events.ts';

// A new card goes to the hub as its command built it, and the hub writes it without reading it back
// (issue #18: the read was a whole read transaction per card). The card handed over must be exactly
// what SQL holds after the commit, in every meeting kind and phase a card can be added in.
const testDb = useTestDb();
let db: Db;
let seq = 0;
beforeEach(() => {
	db = testDb();
});

async function addAt(opts: { anonymous: boolean; talliesLive: boolean; phase: 'collect' | 'vote' | 'discuss' }) {
	const m = await facilitatorWithMeeting(db);
	await db
		.update(meetings)
		.set({ anonymous: opts.anonymous, talliesLive: opts.talliesLive, lateCards: true })
		.where(eq(meetings.id, m.meetingId));
	const facilitator = (await signIn(db, { userId: m.userId })).actor;
	const anna = (await signIn(db, { participantId: (await joinAs(db, m.joinCode, 'Anna')).participantId })).actor;
	const run = (actor: typeof anna, command: Record<string, unknown>) =>
		runTableCommand(db, actor, m.tableId, { commandId: `cmd-${String(++seq).padStart(8, '0')}`, ...command }, Date.now());
	if (opts.phase !== 'collect') expect(await run(facilitator, { type: 'phase.set', phase: opts.phase })).toMatchObject({ ok: true });
	const added = await run(anna, { type: 'card.add', text: 'Wie houdt de regie?' });
	if (!added.ok || !added.change) throw new Error('expected a card and a change');
	const cardId = (added.result as { card: { id: string } }).card.id;
	return { tableId: m.tableId, cardId, change: added.change as BoardChange };
}

describe('a new card on its way to the board doc', () => {
	const cases = [
		{ anonymous: false, talliesLive: false, phase: 'collect' },
		{ anonymous: true, talliesLive: false, phase: 'collect' },
		{ anonymous: false, talliesLive: true, phase: 'vote' },
		{ anonymous: true, talliesLive: false, phase: 'vote' },
		{ anonymous: false, talliesLive: false, phase: 'discuss' }
	] as const;
	for (const c of cases) {
		it(`carries the card exactly as SQL reads it back (anonymous ${c.anonymous}, tallies live ${c.talliesLive}, ${c.phase})`, async () => {
			const { tableId, cardId, change } = await addAt(c);
			expect(change.cardIds).toEqual([cardId]);
			expect(change.cards).toEqual([await loadBoardCard(db, tableId, cardId)]);
		});
	}

	it('is written into the doc without reading SQL', async () => {
		const { tableId, cardId, change } = await addAt({ anonymous: false, talliesLive: false, phase: 'collect' });
		// Were the hub to read the card back, it would find it gone and leave it off the board.
		await db.delete(cards).where(eq(cards.id, cardId));
		const doc = new Y.Doc();
		const write = projectChange(db, change).find((w) => w.room === `table:${tableId}`)!;
		// Not coalesced: nothing to save by waiting for the hub's next batch of SQL reads.
		expect(write.coalesce).toBeUndefined();
		await write.write((fn) => doc.transact(() => fn(doc)));
		expect(boardCards(doc).get(cardId)).toMatchObject({ id: cardId, text: 'Wie houdt de regie?', authorName: 'Anna', votes: null });
	});

	it('is read back from SQL when the change carries no built card (any other card command)', async () => {
		const { tableId, cardId, change } = await addAt({ anonymous: false, talliesLive: false, phase: 'collect' });
		await db.update(cards).set({ text: 'Gewijzigd in SQL' }).where(eq(cards.id, cardId));
		const doc = new Y.Doc();
		const write = projectChange(db, { ...change, cards: undefined }).find((w) => w.room === `table:${tableId}`)!;
		expect(write.coalesce).toBe(`board-card:${tableId}:${cardId}`);
		await write.write((fn) => doc.transact(() => fn(doc)));
		expect(boardCards(doc).get(cardId)?.text).toBe('Gewijzigd in SQL');
	});
});
