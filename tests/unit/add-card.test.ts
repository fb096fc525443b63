import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb } from '../helpers/test-db.ts';
import { addTable, facilitatorWithMeeting, joinAs, setMeetingStatus, signIn } from '../helpers/fixtures.ts';
import { addCard } from '../../src/lib/server/boards/add-card.ts';
import { listBoardCards } from '../../src/lib/server/boards/board-view.ts';
import { commandLog, meetings } from '../../src/lib/server/db/schema.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { eq } from 'drizzle-orm';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

async function seatedParticipant(name = 'Anna') {
	const m = await facilitatorWithMeeting(db);
	const joined = await joinAs(db, m.joinCode, name);
	const { actor } = await signIn(db, { participantId: joined.participantId });
	return { ...m, actor };
}

describe('the add-card command', () => {
	it('adds a trimmed card with its author, logs the command and describes the change', async () => {
		const { actor, tableId, meetingId } = await seatedParticipant();
		const result = await addCard(db, actor, tableId, { commandId: 'cmd-00000001', text: '  Wie betaalt?  ' }, 1000);
		expect(result).toMatchObject({ ok: true, replayed: false, result: { card: { text: 'Wie betaalt?', authorName: 'Anna' } } });
		expect(result.ok && result.change).toMatchObject({ type: 'board.changed', meetingId, tableIds: [tableId] });
		expect((await listBoardCards(db, tableId)).map((c) => c.text)).toEqual(['Wie betaalt?']);
		expect(await db.select().from(commandLog)).toHaveLength(1);
	});

	it('applies the same command id once and answers the retry with the same card', async () => {
		const { actor, tableId } = await seatedParticipant();
		const first = await addCard(db, actor, tableId, { commandId: 'retry-0001', text: 'Een vraag' }, 1);
		const again = await addCard(db, actor, tableId, { commandId: 'retry-0001', text: 'Een vraag' }, 2);
		expect(again).toMatchObject({ ok: true, replayed: true, change: null });
		expect(again.ok && first.ok && again.result.card.id).toBe(first.ok && first.result.card.id);
		expect(await listBoardCards(db, tableId)).toHaveLength(1);
	});

	it('takes NUL characters out of the text, as PostgreSQL cannot store them', async () => {
		const { actor, tableId } = await seatedParticipant();
		const added = await addCard(db, actor, tableId, { commandId: 'nul-00000001', text: 'Wie\u0000 betaalt?\u0000' }, 1);
		expect(added).toMatchObject({ ok: true, result: { card: { text: 'Wie betaalt?' } } });
		expect((await listBoardCards(db, tableId)).map((c) => c.text)).toEqual(['Wie betaalt?']);
	});

	it("refuses another actor's command id", async () => {
		const { actor, tableId, joinCode } = await seatedParticipant();
		await addCard(db, actor, tableId, { commandId: 'shared-0001', text: 'Eerste' }, 1);
		const other = await signIn(db, { participantId: (await joinAs(db, joinCode, 'Bram')).participantId });
		expect(await addCard(db, other.actor, tableId, { commandId: 'shared-0001', text: 'Tweede' }, 2)).toEqual({
			ok: false,
			reason: 'command-id-taken'
		});
	});

	it('refuses empty, overlong and id-less commands with field codes', async () => {
		const { actor, tableId } = await seatedParticipant();
		expect(await addCard(db, actor, tableId, { commandId: 'cmd-00000002', text: '   ' }, 1)).toEqual({
			ok: false, reason: 'invalid', errors: { text: 'text-required' }
		});
		expect(await addCard(db, actor, tableId, { commandId: 'cmd-00000003', text: 'x'.repeat(501) }, 1)).toEqual({
			ok: false, reason: 'invalid', errors: { text: 'text-too-long' }
		});
		expect(await addCard(db, actor, tableId, { text: 'zonder id' }, 1)).toMatchObject({ ok: false, reason: 'invalid' });
		expect((await addCard(db, actor, tableId, { commandId: 'cmd-00000004', text: 'x'.repeat(500) }, 1)).ok).toBe(true);
	});

	it('refuses a participant of another table or meeting, and unknown tables', async () => {
		const { actor, tableId, meetingId } = await seatedParticipant();
		const otherTable = await addTable(db, meetingId);
		expect(await addCard(db, actor, otherTable, { commandId: 'cmd-00000005', text: 'Hier niet' }, 1)).toEqual({ ok: false, reason: 'not-allowed' });
		const stranger = await seatedParticipant('Carla');
		expect(await addCard(db, stranger.actor, tableId, { commandId: 'cmd-00000006', text: 'Ook niet' }, 1)).toEqual({ ok: false, reason: 'not-allowed' });
		expect(await addCard(db, actor, 'nosuchtableaaaaaaaaa', { commandId: 'cmd-00000007', text: 'x' }, 1)).toEqual({ ok: false, reason: 'not-found' });
	});

	it('refuses cards once the meeting is closed', async () => {
		const { actor, tableId, meetingId } = await seatedParticipant();
		await setMeetingStatus(db, meetingId, 'closed');
		expect(await addCard(db, actor, tableId, { commandId: 'cmd-00000008', text: 'Te laat' }, 1)).toEqual({ ok: false, reason: 'meeting-not-active' });
	});

	it('lets the facilitator add a card at any table of the meeting', async () => {
		const { userId, tableId } = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId });
		expect(await addCard(db, actor, tableId, { commandId: 'cmd-00000009', text: 'Van de facilitator' }, 1)).toMatchObject({ ok: true, result: { card: { authorName: 'Fien Facilitator' } } });
	});

	it('keeps authors off the board in an anonymous meeting', async () => {
		const { actor, tableId, meetingId } = await seatedParticipant();
		await db.update(meetings).set({ anonymous: true }).where(eq(meetings.id, meetingId));
		const result = await addCard(db, actor, tableId, { commandId: 'cmd-00000010', text: 'Anoniem' }, 1);
		expect(result.ok && result.result.card.authorName).toBeNull();
		expect((await listBoardCards(db, tableId))[0].authorName).toBeNull();
	});

	it('orders cards in the order they were added, by fractional keys', async () => {
		const { actor, tableId } = await seatedParticipant();
		for (let i = 0; i < 30; i++) await addCard(db, actor, tableId, { commandId: `order-${1000 + i}`, text: `Vraag ${i}` }, i);
		expect((await listBoardCards(db, tableId)).map((c) => c.text)).toEqual(Array.from({ length: 30 }, (_, i) => `Vraag ${i}`));
	});
});

describe('a retried add-card command', () => {
	it('answers with the card it added even after the meeting closed', async () => {
		const m = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { participantId: (await joinAs(db, m.joinCode, 'Anna')).participantId });
		const first = await addCard(db, actor, m.tableId, { commandId: 'late-retry-01', text: 'Net op tijd' }, 1);
		await setMeetingStatus(db, m.meetingId, 'closed');
		const retry = await addCard(db, actor, m.tableId, { commandId: 'late-retry-01', text: 'Net op tijd' }, 2);
		expect(retry).toMatchObject({ ok: true, replayed: true });
		expect(retry.ok && first.ok && retry.result.card.id === first.result.card.id).toBe(true);
	});
});
