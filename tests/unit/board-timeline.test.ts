import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { addTable, facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import type { Actor } from '../../src/lib/server/auth/session.ts';
import { meetings } from '../../src/lib/server/db/schema.ts';
import { runTableCommand } from '../../src/lib/server/boards/table-commands.ts';
import { loadBoardView } from '../../src/lib/server/boards/board-view.ts';
import { buildTimeline, isTableMoment, seqAtClock, seqAtInstant } from '../../src/lib/server/boards/board-timeline.ts';

const testDb = useTestDb();
let db: Db;
let n = 0;
beforeEach(() => {
	db = testDb();
});

// 1 December 2026, 10:41:30 in Amsterdam (winter time, UTC+1).
const T0 = Date.UTC(2026, 11, 1, 9, 41, 30);

async function table(anonymous = false) {
	const m = await facilitatorWithMeeting(db);
	await db.update(meetings).set({ anonymous }).where(eq(meetings.id, m.meetingId));
	const anna = (await signIn(db, { participantId: (await joinAs(db, m.joinCode, 'Anna')).participantId })).actor;
	const facilitator = (await signIn(db, { userId: m.userId })).actor;
	const ok = async (actor: Actor, at: number, command: Record<string, unknown>, tableId = m.tableId) => {
		const r = await runTableCommand(db, actor, tableId, { commandId: `tl-${++n}-cmd`, ...command }, at);
		if (!r.ok) throw new Error(`${String(command.type)} refused: ${r.reason}`);
		return r.result as Record<string, unknown> & { card?: { id: string } };
	};
	return { ...m, anna, facilitator, ok };
}

describe('the history timeline', () => {
	it('lists what happened, newest first, with the card it was about and who did it in a named meeting', async () => {
		const t = await table();
		const first = (await t.ok(t.anna, T0, { type: 'card.add', text: 'Wie betaalt de opleider?' })).card!.id;
		await t.ok(t.facilitator, T0 + 60_000, { type: 'phase.set', phase: 'vote' });
		await t.ok(t.anna, T0 + 61_000, { type: 'vote.cast', cardId: first });
		await t.ok(t.anna, T0 + 62_000, { type: 'command.undo' });
		const other = await addTable(db, t.meetingId);
		await t.ok(t.facilitator, T0 + 63_000, { type: 'card.add', text: 'Elders' }, other);

		const timeline = await buildTimeline(db, t.tableId);
		expect(timeline.map((e) => [e.type, e.actor.kind, e.actor.name, e.subject])).toEqual([
			['command.undo', 'participant', 'Anna', 'Wie betaalt de opleider?'],
			['vote.cast', 'participant', 'Anna', 'Wie betaalt de opleider?'],
			['phase.set', 'facilitator', 'Fien Facilitator', null],
			['card.add', 'participant', 'Anna', 'Wie betaalt de opleider?']
		]);
		expect(timeline[0].undoneType).toBe('vote.cast');
		expect(timeline[1].undone).toBe(true);
		expect(timeline[2].phase).toBe('vote');
		expect(timeline[3]).toMatchObject({ at: T0, cardCount: 1, undone: false });
	});

	it('shows no names at all in an anonymous meeting, not even the facilitator’s', async () => {
		const t = await table(true);
		await t.ok(t.anna, T0, { type: 'card.add', text: 'Anoniem' });
		await t.ok(t.facilitator, T0 + 1, { type: 'card.add', text: 'Ook anoniem' });
		expect((await buildTimeline(db, t.tableId)).map((e) => e.actor)).toEqual([
			{ kind: 'facilitator', name: null },
			{ kind: 'participant', name: null }
		]);
	});

	it('says where a restore went back to', async () => {
		const t = await table();
		await t.ok(t.anna, T0, { type: 'card.add', text: 'Eén' });
		const moment = (await buildTimeline(db, t.tableId))[0].seq;
		await t.ok(t.anna, T0 + 120_000, { type: 'card.add', text: 'Twee' });
		await t.ok(t.facilitator, T0 + 180_000, { type: 'board.restore', toSeq: moment });
		const [restore] = await buildTimeline(db, t.tableId);
		expect(restore).toMatchObject({ type: 'board.restore', restoredTo: { seq: moment, at: T0 }, cardCount: 1, subject: 'Twee' });
	});
});

describe('choosing the moment at a time', () => {
	it('picks the last command at or before an instant, and 0 before anything happened', async () => {
		const t = await table();
		await t.ok(t.anna, T0, { type: 'card.add', text: 'Eén' });
		await t.ok(t.anna, T0 + 60_000, { type: 'card.add', text: 'Twee' });
		const [second, first] = (await buildTimeline(db, t.tableId)).map((e) => e.seq);
		expect(await seqAtInstant(db, t.tableId, T0 - 1)).toBe(0);
		expect(await seqAtInstant(db, t.tableId, T0)).toBe(first);
		expect(await seqAtInstant(db, t.tableId, T0 + 59_999)).toBe(first);
		expect(await seqAtInstant(db, t.tableId, T0 + 60_000)).toBe(second);
	});

	it('reads "back to 10:42" on the Amsterdam clock as including what happened in that minute', async () => {
		const t = await table();
		await t.ok(t.anna, T0, { type: 'card.add', text: 'Om 10:41' }); // 10:41:30
		await t.ok(t.anna, T0 + 60_000, { type: 'card.add', text: 'Om 10:42' }); // 10:42:30
		await t.ok(t.anna, T0 + 120_000, { type: 'card.add', text: 'Om 10:43' }); // 10:43:30
		const seq = (await seqAtClock(db, t.tableId, '2026-12-01', '10:42'))!;
		expect((await buildTimeline(db, t.tableId)).find((e) => e.seq === seq)!.subject).toBe('Om 10:42');
		expect(await seqAtClock(db, t.tableId, '2026-12-01', '10:40')).toBe(0);
		expect(await seqAtClock(db, t.tableId, '2026-12-01', '25:00')).toBeNull();
		// And the restore to that moment gives exactly the board of then.
		await t.ok(t.facilitator, T0 + 180_000, { type: 'board.restore', toSeq: seq });
		expect((await loadBoardView(db, t.tableId))!.cards.map((c) => c.text)).toEqual(['Om 10:41', 'Om 10:42']);
	});

	it("accepts only 0 or one of this table's own commands as a moment", async () => {
		const t = await table();
		await t.ok(t.anna, T0, { type: 'card.add', text: 'Hier' });
		const other = await addTable(db, t.meetingId);
		await t.ok(t.facilitator, T0 + 1, { type: 'card.add', text: 'Daar' }, other);
		const [here] = await buildTimeline(db, t.tableId);
		const [there] = await buildTimeline(db, other);
		expect(await isTableMoment(db, t.tableId, 0)).toBe(true);
		expect(await isTableMoment(db, t.tableId, here.seq)).toBe(true);
		expect(await isTableMoment(db, t.tableId, there.seq)).toBe(false);
		expect(await isTableMoment(db, t.tableId, 99_999)).toBe(false);
	});
});

describe('undo of one chosen command', () => {
	it('undoes a restore only while it is still the facilitator’s last command', async () => {
		const t = await table();
		await t.ok(t.anna, T0, { type: 'card.add', text: 'Eén' });
		const moment = (await buildTimeline(db, t.tableId))[0].seq;
		await t.ok(t.anna, T0 + 1, { type: 'card.add', text: 'Twee' });
		await t.ok(t.facilitator, T0 + 2, { type: 'board.restore', toSeq: moment });
		const restoreSeq = (await buildTimeline(db, t.tableId))[0].seq;
		await t.ok(t.facilitator, T0 + 3, { type: 'card.add', text: 'Drie' });
		const refused = await runTableCommand(db, t.facilitator, t.tableId, { commandId: `tl-${++n}-cmd`, type: 'command.undo', seq: restoreSeq }, T0 + 4);
		expect(refused).toMatchObject({ ok: false, reason: 'not-last-command' });
		await t.ok(t.facilitator, T0 + 5, { type: 'command.undo' }); // takes back "Drie"
		const undo = await runTableCommand(db, t.facilitator, t.tableId, { commandId: `tl-${++n}-cmd`, type: 'command.undo', seq: restoreSeq }, T0 + 6);
		expect(undo).toMatchObject({ ok: true, result: { undoneSeq: restoreSeq, undoneType: 'board.restore' } });
		expect((await loadBoardView(db, t.tableId))!.cards.map((c) => c.text)).toEqual(['Eén', 'Twee']);
		// Anna's own room is rewritten too, so "Twee" is hers again on her screen (edit, withdraw).
		const annaId = t.anna.kind === 'participant' ? t.anna.participant.id : '';
		expect(undo.ok && undo.change?.participantIds).toContain(annaId);
	});
});
