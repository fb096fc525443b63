import { mapInOrder } from '../../src/lib/server/in-order.ts';
import { first } from '../../src/lib/server/db/query.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { addTable, facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import type { Actor } from '../../src/lib/server/auth/session.ts';
import { meetings, participants, votes } from '../../src/lib/server/db/schema.ts';
import { runTableCommand } from '../../src/lib/server/boards/table-commands.ts';
import { chooseTable, runMeetingBoardCommand } from '../../src/lib/server/boards/meeting-board-commands.ts';
import { listThemes, loadBoardView } from '../../src/lib/server/boards/board-view.ts';
import { loadFacilitationBoard } from '../../src/lib/server/boards/facilitation-view.ts';
import { loadParticipantView } from '../../src/lib/server/boards/participant-view.ts';
import { projectChange } from '../../src/lib/server/boards/project-change.ts';
import { boardCards, boardMeta, reconcileBoard } from '../../src/lib/realtime/board-doc.ts';
import type { BoardCommandResult } from '../../src/lib/server/boards/board-scope.ts';

const testDb = useTestDb();
let db: Db;
let seq = 0;
beforeEach(() => {
	db = testDb();
});

const id = () => `cmd-${String(++seq).padStart(8, '0')}`;

async function table(opts: { anonymous?: boolean } = {}) {
	const m = await facilitatorWithMeeting(db);
	if (opts.anonymous) await db.update(meetings).set({ anonymous: true }).where(eq(meetings.id, m.meetingId));
	const people = await mapInOrder(['Anna', 'Bram', 'Cas'], async (name) => (await signIn(db, { participantId: (await joinAs(db, m.joinCode, name)).participantId })).actor);
	const facilitator = (await signIn(db, { userId: m.userId })).actor;
	const themes = await listThemes(db, m.meetingId);
	const run = (actor: Actor, command: Record<string, unknown>) =>
		runTableCommand(db, actor, m.tableId, { commandId: id(), ...command }, Date.now());
	const meetingCommand = (command: Record<string, unknown>) =>
		runMeetingBoardCommand(db, facilitator, m.meetingId, { commandId: id(), ...command }, Date.now());
	const add = async (actor: Actor, text: string): Promise<string> => {
		const r = await run(actor, { type: 'card.add', text });
		if (!r.ok) throw new Error(r.reason);
		return (r.result as { card: { id: string } }).card.id;
	};
	const phase = async (p: string) => expectOk(await run(facilitator, { type: 'phase.set', phase: p }));
	return { ...m, people, facilitator, themes, run, meetingCommand, add, phase };
}

function expectOk<R>(r: BoardCommandResult<R>): R {
	if (!r.ok) throw new Error(`refused: ${r.reason} ${JSON.stringify(r.errors ?? {})}`);
	return r.result;
}

const pid = (actor: Actor) => (actor.kind === 'participant' ? actor.participant.id : '');

describe('cards: ownership and phases', () => {
	it('lets an author edit and withdraw their own card, and nobody else\'s', async () => {
		const t = await table();
		const [anna, bram] = t.people;
		const card = await t.add(anna, 'Wie houdt de regie?');
		expect(await t.run(bram, { type: 'card.edit', cardId: card, text: 'Gekaapt' })).toMatchObject({ ok: false, reason: 'not-own-card' });
		expect(await t.run(bram, { type: 'card.withdraw', cardId: card })).toMatchObject({ ok: false, reason: 'not-own-card' });
		expectOk(await t.run(anna, { type: 'card.edit', cardId: card, text: 'Wie houdt de regie op kwaliteit?' }));
		expect((await loadBoardView(db, t.tableId))!.cards[0].text).toBe('Wie houdt de regie op kwaliteit?');
		expectOk(await t.run(anna, { type: 'card.withdraw', cardId: card }));
		expect((await loadBoardView(db, t.tableId))!.cards).toEqual([]);
	});

	it('lets the facilitator edit any card and hide it with a reason, kept for facilitators', async () => {
		const t = await table();
		const card = await t.add(t.people[0], 'Naam van een collega');
		expectOk(await t.run(t.facilitator, { type: 'card.edit', cardId: card, text: 'Over een collega' }));
		expect(await t.run(t.facilitator, { type: 'card.hide', cardId: card, reason: '' })).toMatchObject({ reason: 'invalid' });
		expect(await t.run(t.people[1], { type: 'card.hide', cardId: card, reason: 'x' })).toMatchObject({ reason: 'not-allowed' });
		expectOk(await t.run(t.facilitator, { type: 'card.hide', cardId: card, reason: 'Noemt een persoon' }));
		expect((await loadBoardView(db, t.tableId))!.cards).toEqual([]);
		expect((await loadFacilitationBoard(db, t.meetingId, null)).hiddenCards).toMatchObject([
			{ id: card, reason: 'Noemt een persoon', text: 'Over een collega' }
		]);
		const notices = (await loadParticipantView(db, pid(t.people[0])))!.notices;
		expect(notices).toMatchObject([{ kind: 'card-hidden', payload: { reason: 'Noemt een persoon' } }]);
		expectOk(await t.run(t.facilitator, { type: 'card.restore', cardId: card }));
		expect((await loadBoardView(db, t.tableId))!.cards.map((c) => c.id)).toEqual([card]);
	});

	it('adds cards in collect only unless late cards are allowed, and changes nothing in done', async () => {
		const t = await table();
		const [anna] = t.people;
		const card = await t.add(anna, 'Eerste');
		await t.phase('cluster');
		expect(await t.run(anna, { type: 'card.add', text: 'Te laat' })).toMatchObject({ ok: false, reason: 'wrong-phase' });
		expect(await t.run(anna, { type: 'card.edit', cardId: card, text: 'Anders' })).toMatchObject({ reason: 'wrong-phase' });
		expectOk(await t.meetingCommand({ type: 'board.settings', voteBudget: 3, votePerCardMax: null, talliesLive: false, lateCards: true, participantsChooseTable: true }));
		expectOk(await t.run(anna, { type: 'card.add', text: 'Toch nog' }));
		await t.phase('done');
		expect(await t.run(anna, { type: 'card.add', text: 'Na afloop' })).toMatchObject({ reason: 'wrong-phase' });
		expect(await t.run(t.facilitator, { type: 'card.edit', cardId: card, text: 'x' })).toMatchObject({ reason: 'wrong-phase' });
	});

	it('refuses a card of another table', async () => {
		const t = await table();
		const other = await addTable(db, t.meetingId);
		const fac = (await signIn(db, { userId: t.userId })).actor;
		const r = await runTableCommand(db, fac, other, { commandId: id(), type: 'card.add', text: 'Elders' }, 1);
		const elsewhere = (r.ok && (r.result as { card: { id: string } }).card.id) || '';
		expect(await t.run(t.facilitator, { type: 'card.edit', cardId: elsewhere, text: 'x' })).toMatchObject({ reason: 'card-not-found' });
	});
});

describe('themes and clusters', () => {
	it('sorts cards into themes and clusters, which move, rename, merge and dissolve', async () => {
		const t = await table();
		const [anna, bram] = t.people;
		const a = await t.add(anna, 'Wie betaalt de schoolopleider?');
		const b = await t.add(bram, 'Hoe verdelen we de subsidie?');
		const c = await t.add(bram, 'Wie bewaakt de kwaliteit?');
		expect(await t.run(anna, { type: 'card.move', cardId: a, themeId: t.themes[1].id })).toMatchObject({ reason: 'wrong-phase' });
		await t.phase('cluster');
		const [governance, finance] = t.themes;
		expectOk(await t.run(anna, { type: 'card.move', cardId: a, themeId: finance.id }));
		const { clusterId } = expectOk(await t.run(bram, { type: 'cluster.create', themeId: finance.id, name: 'Geld', cardIds: [b] })) as { clusterId: string };
		expectOk(await t.run(anna, { type: 'card.move', cardId: a, clusterId, beforeCardId: b }));
		let view = (await loadBoardView(db, t.tableId))!;
		const byId = new Map(view.cards.map((x) => [x.id, x]));
		expect(byId.get(a)).toMatchObject({ themeId: finance.id, clusterId });
		expect(byId.get(b)).toMatchObject({ themeId: finance.id, clusterId });
		expect(view.cards.map((x) => x.id).indexOf(a)).toBeLessThan(view.cards.map((x) => x.id).indexOf(b));

		const second = expectOk(await t.run(anna, { type: 'cluster.create', themeId: governance.id, name: 'Regie', cardIds: [c] })) as { clusterId: string };
		expectOk(await t.run(anna, { type: 'cluster.rename', clusterId: second.clusterId, name: 'Regie en toezicht' }));
		expectOk(await t.run(anna, { type: 'cluster.move', clusterId: second.clusterId, themeId: finance.id }));
		expect((await loadBoardView(db, t.tableId))!.cards.find((x) => x.id === c)!.themeId).toBe(finance.id);
		expectOk(await t.run(anna, { type: 'cluster.merge', clusterId: second.clusterId, intoClusterId: clusterId }));
		view = (await loadBoardView(db, t.tableId))!;
		expect(view.clusters.map((x) => x.name)).toEqual(['Geld']);
		expect(view.cards.every((x) => x.clusterId === clusterId)).toBe(true);
		expectOk(await t.run(anna, { type: 'cluster.dissolve', clusterId }));
		view = (await loadBoardView(db, t.tableId))!;
		expect(view.clusters).toEqual([]);
		expect(view.cards.every((x) => x.clusterId === null && x.themeId === finance.id)).toBe(true);
	});

	it('refuses a theme of another meeting and an unknown cluster', async () => {
		const t = await table();
		const other = await table();
		const card = await t.add(t.people[0], 'Vraag');
		await t.phase('cluster');
		expect(await t.run(t.people[0], { type: 'card.move', cardId: card, themeId: other.themes[0].id })).toMatchObject({ reason: 'theme-not-found' });
		expect(await t.run(t.people[0], { type: 'card.move', cardId: card, clusterId: 'aaaaaaaaaaaaaaaaaaaa' })).toMatchObject({ reason: 'cluster-not-found' });
	});

	it('merges a duplicate: texts and authors kept on the surviving card', async () => {
		const t = await table();
		const [anna, bram] = t.people;
		const a = await t.add(anna, 'Wie is eigenaar van de opleiding?');
		const b = await t.add(bram, 'Wie is de eigenaar?');
		await t.phase('cluster');
		expect(await t.run(anna, { type: 'card.merge', cardId: b, intoCardId: b })).toMatchObject({ reason: 'same-card' });
		expectOk(await t.run(anna, { type: 'card.merge', cardId: b, intoCardId: a }));
		const view = (await loadBoardView(db, t.tableId))!;
		expect(view.cards).toHaveLength(1);
		expect(view.cards[0]).toMatchObject({ id: a, merged: [{ text: 'Wie is de eigenaar?', authorName: 'Bram' }] });
		expect((await loadParticipantView(db, pid(bram)))!.myCards).toEqual([]);
	});
});

describe('dot voting', () => {
	async function voting(settings: { voteBudget?: number; votePerCardMax?: number | null; talliesLive?: boolean } = {}) {
		const t = await table();
		expectOk(await t.meetingCommand({
			type: 'board.settings',
			voteBudget: settings.voteBudget ?? 3,
			votePerCardMax: settings.votePerCardMax ?? null,
			talliesLive: settings.talliesLive ?? false,
			lateCards: false,
			participantsChooseTable: true
		}));
		const cards = await mapInOrder(['Eén', 'Twee', 'Drie'], (text) => t.add(t.people[0], text));
		return { ...t, cards };
	}
	const cast = (t: Awaited<ReturnType<typeof table>>, actor: Actor, cardId: string) =>
		t.run(actor, { type: 'vote.cast', cardId });

	it('keeps every voter within the budget and the per-card cap', async () => {
		const t = await voting({ voteBudget: 3, votePerCardMax: 2 });
		const [anna] = t.people;
		expect(await cast(t, anna, t.cards[0])).toMatchObject({ ok: false, reason: 'wrong-phase' });
		await t.phase('vote');
		expect(expectOk(await cast(t, anna, t.cards[0]))).toMatchObject({ onCard: 1, left: 2 });
		expectOk(await cast(t, anna, t.cards[0]));
		expect(await cast(t, anna, t.cards[0])).toMatchObject({ ok: false, reason: 'card-cap' });
		expectOk(await cast(t, anna, t.cards[1]));
		expect(await cast(t, anna, t.cards[2])).toMatchObject({ ok: false, reason: 'budget-spent' });
		expect(expectOk(await t.run(anna, { type: 'vote.withdraw', cardId: t.cards[0] }))).toMatchObject({ onCard: 1, left: 1 });
		expectOk(await cast(t, anna, t.cards[2]));
		expect(await t.run(anna, { type: 'vote.withdraw', cardId: 'aaaaaaaaaaaaaaaaaaaa' })).toMatchObject({ reason: 'card-not-found' });
		expect((await loadParticipantView(db, pid(anna)))!.state).toMatchObject({ voteBudget: 3, votesUsed: 3 });
		expect(await t.run(t.facilitator, { type: 'vote.cast', cardId: t.cards[0] })).toMatchObject({ reason: 'not-a-voter' });
	});

	it('shows tallies at the table only after the vote unless live; facilitators always', async () => {
		const t = await voting();
		await t.phase('vote');
		expectOk(await cast(t, t.people[1], t.cards[1]));
		expect((await loadBoardView(db, t.tableId))!.cards.every((c) => c.votes === null)).toBe(true);
		expect((await loadFacilitationBoard(db, t.meetingId, null)).tallies).toEqual([{ id: t.cards[1], tableId: t.tableId, votes: 1 }]);
		await t.phase('discuss');
		expect((await loadBoardView(db, t.tableId))!.cards.map((c) => c.votes)).toEqual([0, 1, 0]);
	});

	it('moves votes with a merge and gives back what passes the cap', async () => {
		const t = await voting({ voteBudget: 3, votePerCardMax: 1, talliesLive: true });
		const [anna, bram] = t.people;
		await t.phase('vote');
		expectOk(await cast(t, anna, t.cards[0]));
		expectOk(await cast(t, anna, t.cards[1]));
		expectOk(await cast(t, bram, t.cards[1]));
		await t.phase('cluster');
		expectOk(await t.run(t.facilitator, { type: 'card.merge', cardId: t.cards[1], intoCardId: t.cards[0] }));
		const rows = await db.select().from(votes);
		expect(rows.map((r) => [r.participantId === pid(anna) ? 'anna' : 'bram', r.dots]).sort()).toEqual([['anna', 1], ['bram', 1]]);
		expect((await loadParticipantView(db, pid(anna)))!.state.votesUsed).toBe(1);
		expect((await loadParticipantView(db, pid(anna)))!.notices).toMatchObject([{ kind: 'votes-returned', payload: { dots: 1 } }]);
		await t.phase('discuss');
		expect((await loadBoardView(db, t.tableId))!.cards.find((c) => c.id === t.cards[0])!.votes).toBe(2);
	});

	it('gives votes back when a card is withdrawn', async () => {
		const t = await voting({ voteBudget: 2 });
		const [anna, bram] = t.people;
		expectOk(await t.meetingCommand({ type: 'board.settings', voteBudget: 2, votePerCardMax: null, talliesLive: false, lateCards: true, participantsChooseTable: true }));
		await t.phase('vote');
		expectOk(await cast(t, bram, t.cards[2]));
		expectOk(await t.run(anna, { type: 'card.withdraw', cardId: t.cards[2] }));
		expect((await loadParticipantView(db, pid(bram)))!.state.votesUsed).toBe(0);
	});
});

describe('replays and the log', () => {
	it('applies a command id once, and refuses it for another command', async () => {
		const t = await table();
		const card = await t.add(t.people[0], 'Vraag');
		await t.phase('vote');
		const commandId = id();
		const first = await runTableCommand(db, t.people[1], t.tableId, { commandId, type: 'vote.cast', cardId: card }, 1);
		const again = await runTableCommand(db, t.people[1], t.tableId, { commandId, type: 'vote.cast', cardId: card }, 2);
		expect(first).toMatchObject({ ok: true, replayed: false });
		expect(again).toMatchObject({ ok: true, replayed: true, change: null });
		expect((await loadParticipantView(db, pid(t.people[1])))!.state.votesUsed).toBe(1);
		expect(await runTableCommand(db, t.people[1], t.tableId, { commandId, type: 'vote.withdraw', cardId: card }, 3)).toMatchObject({ reason: 'command-id-taken' });
		expect(await runTableCommand(db, t.people[1], t.tableId, { commandId: id(), type: 'nope' }, 3)).toMatchObject({ reason: 'invalid' });
	});
});

describe('seating', () => {
	it('lets a participant choose a table with room, unless the facilitator assigns', async () => {
		const t = await table();
		const second = await addTable(db, t.meetingId);
		const [anna] = t.people;
		expect(await chooseTable(db, anna, second, { commandId: id() }, 1)).toMatchObject({ reason: 'choice-closed' });
		expectOk(await t.meetingCommand({ type: 'board.settings', voteBudget: 3, votePerCardMax: null, talliesLive: false, lateCards: false, participantsChooseTable: true }));
		const moved = await chooseTable(db, anna, second, { commandId: id() }, 1);
		expect(moved).toMatchObject({ ok: true, result: { from: t.tableId, to: second } });
		expect((await first(db.select().from(participants).where(eq(participants.id, pid(anna)))))!.tableId).toBe(second);
		expectOk(await t.meetingCommand({ type: 'board.settings', voteBudget: 3, votePerCardMax: null, talliesLive: false, lateCards: false, participantsChooseTable: false }));
		expect(await chooseTable(db, t.people[1], second, { commandId: id() }, 1)).toMatchObject({ reason: 'choice-closed' });
	});

	it('assigns everyone evenly and names the moves', async () => {
		const t = await table();
		await addTable(db, t.meetingId);
		const moves = (expectOk(await t.meetingCommand({ type: 'tables.assign', mode: 'even' })) as { moves: unknown[] }).moves;
		expect(moves).toHaveLength(1);
		const seats = await db.select().from(participants).where(eq(participants.meetingId, t.meetingId));
		expect(new Set(seats.map((s) => s.tableId)).size).toBe(2);
		const participantRunner = await runMeetingBoardCommand(db, t.people[0], t.meetingId, { commandId: id(), type: 'tables.assign', mode: 'even' }, 1);
		expect(participantRunner).toMatchObject({ ok: false, reason: 'not-allowed' });
	});
});

describe('the board in its docs', () => {
	it('writes the whole board into the table doc, without authors in an anonymous meeting', async () => {
		const t = await table({ anonymous: true });
		const card = await t.add(t.people[0], 'Anoniem gesteld');
		const view = (await loadBoardView(db, t.tableId))!;
		const doc = new Y.Doc();
		reconcileBoard(doc, view);
		expect(boardCards(doc).get(card)).toMatchObject({ text: 'Anoniem gesteld', authorName: null });
		expect(boardMeta(doc)).toMatchObject({ phase: 'collect', anonymous: true, voteBudget: 3 });
		expect(JSON.stringify(doc.toJSON())).not.toContain('Anna');
		// The author still knows which card is theirs, through their own room.
		expect((await loadParticipantView(db, pid(t.people[0])))!.myCards).toEqual([card]);
	});

	it('leaves an unchanged doc unchanged when reconciled again', async () => {
		const t = await table();
		await t.add(t.people[0], 'Vraag');
		const doc = new Y.Doc();
		reconcileBoard(doc, (await loadBoardView(db, t.tableId))!);
		let updates = 0;
		doc.on('update', () => updates++);
		reconcileBoard(doc, (await loadBoardView(db, t.tableId))!);
		expect(updates).toBe(0);
	});

	it('projects a vote into the table, the voter\'s own room and the facilitation room', async () => {
		const t = await table();
		const card = await t.add(t.people[0], 'Vraag');
		await t.phase('vote');
		const result = await t.run(t.people[1], { type: 'vote.cast', cardId: card });
		if (!result.ok || !result.change) throw new Error('expected a change');
		expect(projectChange(db, result.change).map((w) => w.room)).toEqual([
			`table:${t.tableId}`,
			`participant:${pid(t.people[1])}`,
			`facilitation:${t.meetingId}`
		]);
	});
});

describe('a vote on the board', () => {
	it('updates only the tallies in place, ending where a whole rewrite from SQL would', async () => {
		const t = await table();
		const [anna, bram, cas] = t.people;
		const first = await t.add(anna, 'Eerste vraag');
		const second = await t.add(bram, 'Tweede vraag');
		await db.update(meetings).set({ talliesLive: true }).where(eq(meetings.id, t.meetingId));
		await t.phase('vote');
		const doc = new Y.Doc();
		reconcileBoard(doc, (await loadBoardView(db, t.tableId))!);
		const apply = async (result: BoardCommandResult<unknown>) => {
			if (!result.ok || !result.change) throw new Error('expected a change');
			expect(result.change.talliesOnly).toBe(true);
			const write = projectChange(db, result.change).find((w) => w.room === `table:${t.tableId}`)!;
			expect(write.coalesce).toBe(`board-tallies:${t.tableId}`);
			await write.write((fn) => fn(doc));
		};
		let updates = 0;
		doc.on('update', () => updates++);
		await apply(await t.run(cas, { type: 'vote.cast', cardId: first }));
		await apply(await t.run(cas, { type: 'vote.cast', cardId: first }));
		await apply(await t.run(bram, { type: 'vote.cast', cardId: second }));
		await apply(await t.run(cas, { type: 'vote.withdraw', cardId: first }));
		expect(updates).toBe(4);
		expect(boardCards(doc).get(first)?.votes).toBe(1);
		expect(boardCards(doc).get(second)?.votes).toBe(1);
		// A whole rewrite finds nothing left to change.
		reconcileBoard(doc, (await loadBoardView(db, t.tableId))!);
		expect(updates).toBe(4);
	});

	it('writes no tallies while the board hides them', async () => {
		const t = await table();
		const card = await t.add(t.people[0], 'Vraag');
		await db.update(meetings).set({ talliesLive: false }).where(eq(meetings.id, t.meetingId));
		await t.phase('vote');
		const doc = new Y.Doc();
		reconcileBoard(doc, (await loadBoardView(db, t.tableId))!);
		const result = await t.run(t.people[1], { type: 'vote.cast', cardId: card });
		if (!result.ok || !result.change) throw new Error('expected a change');
		await projectChange(db, result.change).find((w) => w.room === `table:${t.tableId}`)!.write((fn) => fn(doc));
		expect(boardCards(doc).get(card)?.votes).toBeNull();
	});

});

describe('card commands on the board', () => {
	it('rewrite only the cards they change, ending where a whole rewrite from SQL would', async () => {
		const t = await table();
		const [anna, bram] = t.people;
		const doc = new Y.Doc();
		reconcileBoard(doc, (await loadBoardView(db, t.tableId))!);
		const kinds: string[] = [];
		const step = async (result: BoardCommandResult<unknown>) => {
			if (!result.ok || !result.change) throw new Error(`expected a change: ${JSON.stringify(result)}`);
			for (const write of projectChange(db, result.change).filter((w) => w.room === `table:${t.tableId}`)) {
				// A new card comes built by its command and is written at once (no coalescing key).
				kinds.push(write.coalesce?.split(':')[0] ?? 'built-card');
				await write.write((fn) => fn(doc));
			}
			// The doc written piecemeal equals a doc written whole from SQL.
			const whole = new Y.Doc();
			reconcileBoard(whole, (await loadBoardView(db, t.tableId))!);
			expect(doc.toJSON()).toEqual(whole.toJSON());
			return result.result as { card?: { id: string }; cardId?: string };
		};
		const first = (await step(await t.run(anna, { type: 'card.add', text: 'Wie houdt de regie?' }))).card!.id;
		const second = (await step(await t.run(bram, { type: 'card.add', text: 'Wie betaalt?' }))).card!.id;
		const third = (await step(await t.run(anna, { type: 'card.add', text: 'Wie stuurt bij?' }))).card!.id;
		expect(kinds).toEqual(['built-card', 'built-card', 'built-card']);
		await step(await t.run(anna, { type: 'card.edit', cardId: first, text: 'Wie houdt de regie op kwaliteit?' }));
		await step(await t.run(t.facilitator, { type: 'card.hide', cardId: second, reason: 'Noemt een persoon' }));
		await step(await t.run(t.facilitator, { type: 'card.restore', cardId: second }));
		await step(await t.run(anna, { type: 'card.withdraw', cardId: third }));
		await step(await t.run(t.facilitator, { type: 'phase.set', phase: 'cluster' }));
		await step(await t.run(bram, { type: 'card.move', cardId: second, themeId: t.themes[0].id, beforeCardId: first }));
		expect(kinds.filter((k) => k === 'board-card')).toHaveLength(5);
		expect(kinds.filter((k) => k === 'board')).toHaveLength(1); // the phase
		// A merge changes the target's merged list: that one rewrites the whole board.
		await step(await t.run(t.facilitator, { type: 'card.merge', cardId: second, intoCardId: first }));
		expect(kinds.at(-1)).toBe('board');
		expect(boardCards(doc).get(first)?.merged).toHaveLength(1);
		expect([...boardCards(doc).keys()]).toEqual([first]);
	});
});

describe('two commands within one millisecond', () => {
	it('each name only the card they changed (the history tells them apart)', async () => {
		const t = await table();
		const [anna, bram] = t.people;
		const now = Date.now() + 60_000;
		const first = await runTableCommand(db, anna, t.tableId, { commandId: id(), type: 'card.add', text: 'Eén' }, now);
		const second = await runTableCommand(db, bram, t.tableId, { commandId: id(), type: 'card.add', text: 'Twee' }, now);
		if (!first.ok || !second.ok) throw new Error('expected both to be accepted');
		const cardOf = (r: typeof first) => (r.ok ? (r.result as { card: { id: string } }).card.id : '');
		expect(first.change?.cardIds).toEqual([cardOf(first)]);
		expect(second.change?.cardIds).toEqual([cardOf(second)]);
	});
});

describe('the dashboard figures', () => {
	it('count seats, cards, dots cast and left and the last card per table, as SQL has them', async () => {
		const t = await table();
		const second = await addTable(db, t.meetingId);
		const a = await t.add(t.people[0], 'Eén');
		await t.add(t.people[1], 'Twee');
		await t.phase('vote');
		expectOk(await t.run(t.people[2], { type: 'vote.cast', cardId: a }));
		expectOk(await t.run(t.people[2], { type: 'vote.cast', cardId: a }));
		const figures = (await loadFacilitationBoard(db, t.meetingId, null)).tableFigures;
		const first = figures.find((f) => f.id === t.tableId)!;
		expect(first).toMatchObject({ seated: 3, cards: 2, votesCast: 2, votesLeft: 3 * 3 - 2, phase: 'vote' });
		expect(first.lastCardAt).toBeGreaterThan(0);
		expect(figures.find((f) => f.id === second)).toMatchObject({ seated: 0, cards: 0, votesCast: 0, lastCardAt: null });
		expectOk(await t.meetingCommand({ type: 'board.settings', voteBudget: 3, votePerCardMax: null, talliesLive: false, lateCards: false, participantsChooseTable: true }));
		const moved = await chooseTable(db, t.people[0], second, { commandId: id() }, 1);
		expect(moved.ok && moved.change?.tableIds.sort()).toEqual([t.tableId, second].sort());
	});
});

describe('messages to tables', () => {
	it('shows a message on the chosen tables, or on all, newest first', async () => {
		const t = await table();
		const second = await addTable(db, t.meetingId);
		expectOk(await t.meetingCommand({ type: 'tables.message', text: 'Nog vijf minuten!' }));
		expectOk(await t.meetingCommand({ type: 'tables.message', text: 'Tafel 2: kom naar voren', tableIds: [second] }));
		expect((await loadBoardView(db, t.tableId))!.messages.map((m) => m.text)).toEqual(['Nog vijf minuten!']);
		expect((await loadBoardView(db, second))!.messages.map((m) => m.text)).toEqual(['Tafel 2: kom naar voren', 'Nog vijf minuten!']);
		expect(await t.meetingCommand({ type: 'tables.message', text: 'x'.repeat(281) })).toMatchObject({ reason: 'invalid', errors: { text: 'message-too-long' } });
		expect(await runMeetingBoardCommand(db, t.people[0], t.meetingId, { commandId: id(), type: 'tables.message', text: 'Hallo' }, 1)).toMatchObject({ reason: 'not-allowed' });
	});
});
