import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, joinAs, setMeetingStatus, signIn } from '../helpers/fixtures.ts';
import { generateJoinCode, normalizeJoinCode } from '../../src/lib/server/meetings/join-code.ts';
import { joinMeeting } from '../../src/lib/server/meetings/join-meeting.ts';
import { addCard } from '../../src/lib/server/boards/add-card.ts';
import { listBoardCards } from '../../src/lib/server/boards/board-view.ts';
import { myCardsMap } from '../../src/lib/realtime/participant-doc.ts';
import { projectChange, reconcileRoom } from '../../src/lib/server/boards/project-change.ts';
import { boardCards, upsertCard } from '../../src/lib/realtime/board-doc.ts';
import type { Db } from '../../src/lib/server/db/client.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

describe('join codes', () => {
	it('have six characters without look-alikes', () => {
		for (let i = 0; i < 500; i++) expect(generateJoinCode()).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
	});

	it('are read case-insensitively, with spaces and dashes', () => {
		expect(normalizeJoinCode(' kq7-m3x ')).toBe('KQ7M3X');
		expect(normalizeJoinCode('kqa m3x')).toBe('KQAM3X');
		expect(normalizeJoinCode('ABC')).toBeNull();
		expect(normalizeJoinCode('ACDEF0')).toBeNull(); // 0 looks like O: never issued
		expect(normalizeJoinCode('ACDEFGH')).toBeNull();
	});
});

describe('joining a meeting', () => {
	it('seats a participant at a table of the meeting', async () => {
		const { joinCode, tableId } = await facilitatorWithMeeting(db);
		const result = await joinMeeting(db, joinCode.toLowerCase(), { displayName: ' Anna ', partnership: 'partnerschap ijsselkracht', sector: 'vo' });
		expect(result).toMatchObject({ ok: true, tableId });
	});

	it('names what is wrong: unknown code, closed meeting, empty or long name, unknown partnership, no sector', async () => {
		const { joinCode, meetingId } = await facilitatorWithMeeting(db);
		const valid = { displayName: 'Anna', partnership: 'Partnerschap IJsselkracht', sector: 'po' };
		expect(await joinMeeting(db, 'AAAAAA', valid)).toEqual({ ok: false, reason: 'unknown-code' });
		expect(await joinMeeting(db, joinCode, { ...valid, displayName: '  ' })).toEqual({ ok: false, reason: 'invalid', errors: { displayName: 'name-required' } });
		expect(await joinMeeting(db, joinCode, { ...valid, displayName: 'x'.repeat(200) })).toEqual({ ok: false, reason: 'invalid', errors: { displayName: 'name-too-long' } });
		expect(await joinMeeting(db, joinCode, { ...valid, partnership: 'Bestaat niet' })).toEqual({ ok: false, reason: 'invalid', errors: { partnership: 'partnership-unknown' } });
		expect(await joinMeeting(db, joinCode, { ...valid, sector: 'hbo' })).toEqual({ ok: false, reason: 'invalid', errors: { sector: 'sector-required' } });
		await setMeetingStatus(db, meetingId, 'closed');
		expect(await joinMeeting(db, joinCode, valid)).toEqual({ ok: false, reason: 'meeting-closed' });
	});
});

describe('board docs and SQL', () => {
	it('reconcile a doc with SQL: missing cards added, stale ones removed, changed ones updated', async () => {
		const { joinCode, tableId } = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { participantId: (await joinAs(db, joinCode, 'Anna')).participantId });
		for (const text of ['Een', 'Twee', 'Drie']) await addCard(db, actor, tableId, { commandId: `rec-${text}-0001`, text }, 1);
		const doc = new Y.Doc();
		const truth = await listBoardCards(db, tableId);
		upsertCard(doc, { ...truth[0], text: 'verouderd' });
		upsertCard(doc, { ...truth[0], id: 'ghostaaaaaaaaaaaaaaa' });
		await reconcileRoom(db, `table:${tableId}`, (fn) => doc.transact(() => fn(doc)));
		expect(Array.from(boardCards(doc).values()).sort((a, b) => a.orderKey.localeCompare(b.orderKey))).toEqual(truth);
	});

	it('reconcile without touching a doc that already matches', async () => {
		const { joinCode, tableId } = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { participantId: (await joinAs(db, joinCode, 'Anna')).participantId });
		await addCard(db, actor, tableId, { commandId: 'same-00000001', text: 'Stabiel' }, 1);
		const doc = new Y.Doc();
		await reconcileRoom(db, `table:${tableId}`, (fn) => doc.transact(() => fn(doc)));
		let updates = 0;
		doc.on('update', () => updates++);
		await reconcileRoom(db, `table:${tableId}`, (fn) => doc.transact(() => fn(doc)));
		expect(updates).toBe(0);
	});

	it('projects a card change into its table room and its author\'s own room', async () => {
		const { joinCode, tableId } = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { participantId: (await joinAs(db, joinCode, 'Anna')).participantId });
		const result = await addCard(db, actor, tableId, { commandId: 'proj-00000001', text: 'Project' }, 1);
		if (!result.ok || !result.change) throw new Error('expected a change');
		const writes = projectChange(db, result.change);
		expect(writes.map((w) => w.room)).toEqual([
			`table:${tableId}`,
			`participant:${actor.kind === 'participant' ? actor.participant.id : ''}`,
			`facilitation:${result.change.meetingId}`
		]);
		const doc = new Y.Doc();
		await writes[0].write((fn) => fn(doc));
		expect(boardCards(doc).get(result.result.card.id)).toEqual(result.result.card);
		const own = new Y.Doc();
		await writes[1].write((fn) => fn(own));
		expect(Array.from(myCardsMap(own).keys())).toEqual([result.result.card.id]);
	});
});
