import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import type { Actor } from '../../src/lib/server/auth/session.ts';
import { runTableCommand } from '../../src/lib/server/boards/table-commands.ts';
import { listThemes, loadBoardView } from '../../src/lib/server/boards/board-view.ts';
import { loadParticipantView } from '../../src/lib/server/boards/participant-view.ts';
import { loadBoardViewAt, tableHistory } from '../../src/lib/server/boards/board-history.ts';
import type { BoardView } from '../../src/lib/realtime/board-doc.ts';

const testDb = useTestDb();
let db: Db;
let n = 0;
beforeEach(() => {
	db = testDb();
});

async function board() {
	const m = await facilitatorWithMeeting(db);
	const [anna, bram] = ['Anna', 'Bram'].map((name) => signIn(db, { participantId: joinAs(db, m.joinCode, name).participantId }).actor);
	const facilitator = signIn(db, { userId: m.userId }).actor;
	const run = (actor: Actor, command: Record<string, unknown>) => {
		const r = runTableCommand(db, actor, m.tableId, { commandId: `hist-${++n}-cmd`, ...command }, 1000 + n);
		return r;
	};
	const ok = (actor: Actor, command: Record<string, unknown>) => {
		const r = run(actor, command);
		if (!r.ok) throw new Error(`${String(command.type)} refused: ${r.reason}`);
		return r.result as Record<string, unknown> & { card?: { id: string } };
	};
	const latestSeq = () => tableHistory(db, m.tableId)[0].seq;
	const themes = listThemes(db, m.meetingId);
	return { ...m, anna, bram, facilitator, run, ok, latestSeq, themes };
}

/** What a board looks like, without the fields that only say when it changed. */
function shape(view: BoardView) {
	return {
		cards: view.cards.map(({ id, text, themeId, clusterId, orderKey, merged, votes }) => ({ id, text, themeId, clusterId, orderKey, merged, votes })),
		clusters: view.clusters
	};
}

describe('board history', () => {
	it('shows the board as it was after any earlier command', async () => {
		const b = await board();
		const first = b.ok(b.anna, { type: 'card.add', text: 'Wie betaalt?' }).card!.id;
		const afterFirst = b.latestSeq();
		b.ok(b.bram, { type: 'card.add', text: 'Wie beslist?' });
		b.ok(b.anna, { type: 'card.edit', cardId: first, text: 'Wie betaalt de opleider?' });
		expect(loadBoardViewAt(db, b.tableId, afterFirst)!.cards.map((c) => c.text)).toEqual(['Wie betaalt?']);
		expect(loadBoardViewAt(db, b.tableId, b.latestSeq())!.cards.map((c) => c.text)).toEqual([
			'Wie betaalt de opleider?',
			'Wie beslist?'
		]);
		expect(tableHistory(db, b.tableId).map((h) => [h.type, h.actorName])).toEqual([
			['card.edit', 'Anna'],
			['card.add', 'Bram'],
			['card.add', 'Anna']
		]);
	});

	it('restores exactly the earlier board, votes included, and the restore can be undone', async () => {
		const b = await board();
		const a = b.ok(b.anna, { type: 'card.add', text: 'Eén' }).card!.id;
		const c = b.ok(b.bram, { type: 'card.add', text: 'Twee' }).card!.id;
		b.ok(b.facilitator, { type: 'phase.set', phase: 'cluster' });
		b.ok(b.anna, { type: 'card.move', cardId: a, themeId: b.themes[0].id });
		b.ok(b.anna, { type: 'cluster.create', themeId: b.themes[1].id, name: 'Geld', cardIds: [c] });
		b.ok(b.facilitator, { type: 'phase.set', phase: 'vote' });
		b.ok(b.bram, { type: 'vote.cast', cardId: a });
		b.ok(b.facilitator, { type: 'phase.set', phase: 'discuss' });
		const moment = b.latestSeq();
		const then = shape(loadBoardViewAt(db, b.tableId, moment)!);
		expect(then.cards.find((x) => x.id === a)!.votes).toBe(1);

		// Afterwards the board moves on: a merge, a dissolved cluster, a late card by the facilitator.
		b.ok(b.facilitator, { type: 'card.merge', cardId: c, intoCardId: a });
		b.ok(b.facilitator, { type: 'cluster.dissolve', clusterId: then.clusters[0].id });
		b.ok(b.facilitator, { type: 'card.add', text: 'Later' });
		expect(shape(loadBoardView(db, b.tableId)!)).not.toEqual(then);

		const restored = b.ok(b.facilitator, { type: 'board.restore', toSeq: moment });
		expect(restored).toMatchObject({ toSeq: moment });
		expect(shape(loadBoardView(db, b.tableId)!)).toEqual(then);
		expect(loadParticipantView(db, b.bram.kind === 'participant' ? b.bram.participant.id : '')!.state.votesUsed).toBe(1);

		const before = shape(loadBoardViewAt(db, b.tableId, b.latestSeq() - 1)!);
		b.ok(b.facilitator, { type: 'command.undo' });
		expect(shape(loadBoardView(db, b.tableId)!)).toEqual(before);
		expect(b.run(b.anna, { type: 'board.restore', toSeq: moment })).toMatchObject({ ok: false, reason: 'not-allowed' });
	});

	it("undoes a participant's own last command, one step at a time, and nobody else's", async () => {
		const b = await board();
		const a = b.ok(b.anna, { type: 'card.add', text: 'Vraag van Anna' }).card!.id;
		b.ok(b.facilitator, { type: 'phase.set', phase: 'vote' });
		b.ok(b.bram, { type: 'vote.cast', cardId: a });
		b.ok(b.bram, { type: 'vote.cast', cardId: a });
		const bramId = b.bram.kind === 'participant' ? b.bram.participant.id : '';
		expect(b.ok(b.bram, { type: 'command.undo' })).toMatchObject({ undoneType: 'vote.cast' });
		expect(loadParticipantView(db, bramId)!.state.votesUsed).toBe(1);
		b.ok(b.bram, { type: 'command.undo' });
		expect(loadParticipantView(db, bramId)!.state.votesUsed).toBe(0);
		// Anna's card was added in collect: undoing that now is the wrong phase.
		expect(b.run(b.anna, { type: 'command.undo' })).toMatchObject({ ok: false, reason: 'wrong-phase' });
		expect(b.run(b.bram, { type: 'command.undo' })).toMatchObject({ ok: false, reason: 'nothing-to-undo' });
	});

	it('refuses to undo what someone else has changed since', async () => {
		const b = await board();
		const a = b.ok(b.anna, { type: 'card.add', text: 'Eerste versie' }).card!.id;
		b.ok(b.facilitator, { type: 'card.edit', cardId: a, text: 'Door de facilitator verbeterd' });
		expect(b.run(b.anna, { type: 'command.undo' })).toMatchObject({ ok: false, reason: 'changed-since' });
		b.ok(b.facilitator, { type: 'command.undo' });
		expect(loadBoardView(db, b.tableId)!.cards[0].text).toBe('Eerste versie');
		b.ok(b.anna, { type: 'command.undo' });
		expect(loadBoardView(db, b.tableId)!.cards).toEqual([]);
	});
});
