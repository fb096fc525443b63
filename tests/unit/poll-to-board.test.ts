import { first } from '../../src/lib/server/db/query.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq, isNotNull } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { meetings, participants, pollQuestions, pollResponses } from '../../src/lib/server/db/schema.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { runTableCommand } from '../../src/lib/server/boards/table-commands.ts';
import { listThemes, loadBoardView } from '../../src/lib/server/boards/board-view.ts';
import { loadParticipantView } from '../../src/lib/server/boards/participant-view.ts';
import { listMeetingTables } from '../../src/lib/server/meetings/queries.ts';
import { cardTextFrom } from '../../src/lib/server/boards/poll-to-board.ts';

const testDb = useTestDb();
let db: Db;
let n = 0;
beforeEach(() => {
	db = testDb();
});

async function meeting(anonymous: boolean) {
	const { userId } = await facilitatorWithMeeting(db);
	const made = await createRealisticMeeting(db, userId, { now: 1, participants: 20, boards: false });
	await db.update(meetings).set({ anonymous }).where(eq(meetings.id, made.meetingId));
	const text = (await first(db
		.select({ id: pollResponses.id, value: pollResponses.value, participantId: pollResponses.participantId })
		.from(pollResponses)
		.innerJoin(pollQuestions, eq(pollQuestions.id, pollResponses.questionId))
		.where(and(eq(pollResponses.meetingId, made.meetingId), eq(pollQuestions.type, 'text')))))!;
	const explained = (await first(db
		.select()
		.from(pollResponses)
		.where(and(eq(pollResponses.meetingId, made.meetingId), isNotNull(pollResponses.explanation)))))!;
	const tableId = (await listMeetingTables(db, made.meetingId))[0].id;
	const facilitator = (await signIn(db, { userId })).actor;
	const run = (actor = facilitator, items: unknown = [
		{ responseId: text.id, part: 'answer' },
		{ responseId: explained.id, part: 'explanation' }
	]) => runTableCommand(db, actor, tableId, { commandId: `ptb-${++n}-cmd`, type: 'cards.from-poll', items }, 10);
	return { ...made, text, explained, tableId, run, facilitator };
}

describe('from poll to board', () => {
	it('turns an open answer and an explanation into cards, with their author in a named meeting', async () => {
		const m = await meeting(false);
		expect((await m.run()).ok).toBe(true);
		const cards = (await loadBoardView(db, m.tableId))!.cards;
		expect(cards.map((c) => c.text)).toEqual([cardTextFrom(String(m.text.value)), cardTextFrom(m.explained.explanation!)]);
		const name = (await first(db.select().from(participants).where(eq(participants.id, m.text.participantId))))!.displayName;
		expect(cards[0].authorName).toBe(name);
		expect((await loadParticipantView(db, m.text.participantId))!.myCards).toContain(cards[0].id);
	});

	it('keeps no author in an anonymous meeting, and only facilitators may do it', async () => {
		const m = await meeting(true);
		const participant = (await signIn(db, { participantId: m.participantIds[0] })).actor;
		expect(await m.run(participant)).toMatchObject({ ok: false, reason: 'not-allowed' });
		expect((await m.run()).ok).toBe(true);
		const cards = (await loadBoardView(db, m.tableId))!.cards;
		expect(cards.every((c) => c.authorName === null)).toBe(true);
		expect((await loadParticipantView(db, m.text.participantId))!.myCards).toEqual([]);
	});

	it('refuses an answer of another meeting and a missing explanation', async () => {
		const m = await meeting(false);
		const other = await meeting(false);
		expect(await m.run(undefined, [{ responseId: other.text.id, part: 'answer' }])).toMatchObject({ reason: 'not-found' });
		expect(await m.run(undefined, [])).toMatchObject({ reason: 'invalid' });
	});

	it('puts the cards straight into a chosen theme, and refuses a theme of another meeting', async () => {
		const m = await meeting(false);
		const other = await meeting(false);
		const theme = (await listThemes(db, m.meetingId))[1];
		const items = [{ responseId: m.text.id, part: 'answer' }];
		const run = (themeId: string) =>
			runTableCommand(db, m.facilitator, m.tableId, { commandId: `ptb-${++n}-cmd`, type: 'cards.from-poll', items, themeId }, 10);
		expect(await run((await listThemes(db, other.meetingId))[0].id)).toMatchObject({ ok: false, reason: 'theme-not-found' });
		expect(await run(theme.id)).toMatchObject({ ok: true, result: { texts: [cardTextFrom(String(m.text.value))] } });
		expect((await loadBoardView(db, m.tableId))!.cards.map((c) => c.themeId)).toEqual([theme.id]);
	});

	it('cuts an answer longer than a card', () => {
		const long = 'woord '.repeat(200);
		expect(cardTextFrom(long)).toHaveLength(500);
		expect(cardTextFrom(long).endsWith('…')).toBe(true);
		expect(cardTextFrom('  kort  antwoord ')).toBe('kort antwoord');
	});
});
