import { mapInOrder } from '../../src/lib/server/in-order.ts';
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
	const [anna, bram] = await mapInOrder(['Anna', 'Bram'], async (name) => (await signIn(db, { participantId: (await joinAs(db, m.joinCode, name)).participantId })).actor);
	const facilitator = (await signIn(db, { userId: m.userId })).actor;
	const run = async (actor: Actor, command: Record<string, unknown>) => {
		const r = await runTableCommand(db, actor, m.tableId, { commandId: `hist-${++n}-cmd`, ...command }, 1000 + n);
		return r;
	};
	const ok = async (actor: Actor, command: Record<string, unknown>) => {
		const r = await run(actor, command);
		if (!r.ok) throw new Error(`${String(command.type)} refused: ${r.reason}`);
		return r.result as Record<string, unknown> & { card?: { id: string } };
	};
	const latestSeq = async () => (await tableHistory(db, m.tableId))[0].seq;
	const themes = await listThemes(db, m.meetingId);
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
		const first = (await b.ok(b.anna, { type: 'card.add', text: 'Wie betaalt?' })).card!.id;
		const afterFirst = await b.latestSeq();
		await b.ok(b.bram, { type: 'card.add', text: 'Wie beslist?' });
		await b.ok(b.anna, { type: 'card.edit', cardId: first, text: 'Wie betaalt de opleider?' });
		expect((await loadBoardViewAt(db, b.tableId, afterFirst))!.cards.map((c) => c.text)).toEqual(['Wie betaalt?']);
		expect((await loadBoardViewAt(db, b.tableId, await b.latestSeq()))!.cards.map((c) => c.text)).toEqual([
			'Wie betaalt de opleider?',
			'Wie beslist?'
		]);
		expect((await tableHistory(db, b.tableId)).map((h) => [h.type, h.actorName])).toEqual([
			['card.edit', 'Anna'],
			['card.add', 'Bram'],
			['card.add', 'Anna']
		]);
	});

	it('restores exactly the earlier board, votes included, and the restore can be undone', async () => {
		const b = await board();
		const a = (await b.ok(b.anna, { type: 'card.add', text: 'Eén' })).card!.id;
		const c = (await b.ok(b.bram, { type: 'card.add', text: 'Twee' })).card!.id;
		await b.ok(b.facilitator, { type: 'phase.set', phase: 'cluster' });
		await b.ok(b.anna, { type: 'card.move', cardId: a, themeId: b.themes[0].id });
		await b.ok(b.anna, { type: 'cluster.create', themeId: b.themes[1].id, name: 'Geld', cardIds: [c] });
		await b.ok(b.facilitator, { type: 'phase.set', phase: 'vote' });
		await b.ok(b.bram, { type: 'vote.cast', cardId: a });
		await b.ok(b.facilitator, { type: 'phase.set', phase: 'discuss' });
		const moment = await b.latestSeq();
		const then = shape((await loadBoardViewAt(db, b.tableId, moment))!);
		expect(then.cards.find((x) => x.id === a)!.votes).toBe(1);

		// Afterwards the board moves on: a merge, a dissolved cluster, a late card by the facilitator.
		await b.ok(b.facilitator, { type: 'card.merge', cardId: c, intoCardId: a });
		await b.ok(b.facilitator, { type: 'cluster.dissolve', clusterId: then.clusters[0].id });
		await b.ok(b.facilitator, { type: 'card.add', text: 'Later' });
		expect(shape((await loadBoardView(db, b.tableId))!)).not.toEqual(then);

		const restored = await b.ok(b.facilitator, { type: 'board.restore', toSeq: moment });
		expect(restored).toMatchObject({ toSeq: moment });
		expect(shape((await loadBoardView(db, b.tableId))!)).toEqual(then);
		expect((await loadParticipantView(db, b.bram.kind === 'participant' ? b.bram.participant.id : ''))!.state.votesUsed).toBe(1);

		const before = shape((await loadBoardViewAt(db, b.tableId, (await b.latestSeq()) - 1))!);
		await b.ok(b.facilitator, { type: 'command.undo' });
		expect(shape((await loadBoardView(db, b.tableId))!)).toEqual(before);
		expect(await b.run(b.anna, { type: 'board.restore', toSeq: moment })).toMatchObject({ ok: false, reason: 'not-allowed' });
	});

	it("undoes a participant's own last command, one step at a time, and nobody else's", async () => {
		const b = await board();
		const a = (await b.ok(b.anna, { type: 'card.add', text: 'Vraag van Anna' })).card!.id;
		await b.ok(b.facilitator, { type: 'phase.set', phase: 'vote' });
		await b.ok(b.bram, { type: 'vote.cast', cardId: a });
		await b.ok(b.bram, { type: 'vote.cast', cardId: a });
		const bramId = b.bram.kind === 'participant' ? b.bram.participant.id : '';
		expect(await b.ok(b.bram, { type: 'command.undo' })).toMatchObject({ undoneType: 'vote.cast' });
		expect((await loadParticipantView(db, bramId))!.state.votesUsed).toBe(1);
		await b.ok(b.bram, { type: 'command.undo' });
		expect((await loadParticipantView(db, bramId))!.state.votesUsed).toBe(0);
		// Anna's card was added in collect: undoing that now is the wrong phase.
		expect(await b.run(b.anna, { type: 'command.undo' })).toMatchObject({ ok: false, reason: 'wrong-phase' });
		expect(await b.run(b.bram, { type: 'command.undo' })).toMatchObject({ ok: false, reason: 'nothing-to-undo' });
	});

	it('refuses to undo what someone else has changed since', async () => {
		const b = await board();
		const a = (await b.ok(b.anna, { type: 'card.add', text: 'Eerste versie' })).card!.id;
		await b.ok(b.facilitator, { type: 'card.edit', cardId: a, text: 'Door de facilitator verbeterd' });
		expect(await b.run(b.anna, { type: 'command.undo' })).toMatchObject({ ok: false, reason: 'changed-since' });
		await b.ok(b.facilitator, { type: 'command.undo' });
		expect((await loadBoardView(db, b.tableId))!.cards[0].text).toBe('Eerste versie');
		await b.ok(b.anna, { type: 'command.undo' });
		expect((await loadBoardView(db, b.tableId))!.cards).toEqual([]);
	});
});
