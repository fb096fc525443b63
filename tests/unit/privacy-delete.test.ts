import { mapInOrder } from '../../src/lib/server/in-order.ts';
import { first } from '../../src/lib/server/db/query.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, joinAs, signIn, setMeetingStatus } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import {
	cards,
	commandLog,
	invitations,
	meetings,
	participants,
	pollQuestions,
	pollResponses,
	sessions,
	yjsDocuments,
	yjsUpdates
} from '../../src/lib/server/db/schema.ts';
import { addCard } from '../../src/lib/server/boards/add-card.ts';
import { listBoardCards } from '../../src/lib/server/boards/board-view.ts';
import { uploadInvitations } from '../../src/lib/server/invitations/upload-invitations.ts';
import { usePersonalLink } from '../../src/lib/server/invitations/personal-link.ts';
import { deletePersonalData } from '../../src/lib/server/privacy/delete-personal-data.ts';
import { expiredMeetings, runRetention } from '../../src/lib/server/privacy/retention.ts';
import { readConfig } from '../../src/lib/server/config.ts';
import { newId } from '../../src/lib/server/ids.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

const NAMES = ['Anna de Vries', 'Bram Bakker', 'anna@example.nl', 'Opleidingsschool Nergens'];

async function meetingFullOfNames() {
	const { meetingId, joinCode, tableId } = await facilitatorWithMeeting(db);
	const anna = (await joinAs(db, joinCode, 'Anna de Vries')).participantId;
	const upload = await uploadInvitations(
		db,
		meetingId,
		'name;email;partnership\nBram Bakker;bram@example.nl;Opleidingsschool Nergens\nNooit Gebruikt;nooit@example.nl;\n'
	);
	if (!upload.ok) throw new Error(upload.reason);
	const bram = await usePersonalLink(db, upload.created[0].token, { sector: 'vo' });
	if (!bram.ok) throw new Error(bram.reason);
	for (const [participantId, text] of [
		[anna, 'Wie heeft de regie?'],
		[bram.participantId, 'Wat kost het?']
	] as const) {
		const { actor } = await signIn(db, { participantId });
		const added = await addCard(db, actor, tableId!, { commandId: newId(), text }, Date.now());
		if (!added.ok) throw new Error(added.reason);
	}
	const questionId = newId();
	await db.insert(pollQuestions)
		.values({
			id: questionId,
			meetingId,
			key: 'q',
			position: 'a0',
			type: 'text',
			prompt: 'Vraag',
			updatedAt: 1
		});
	await db.insert(pollResponses)
		.values({
			id: newId(),
			meetingId,
			questionId,
			participantId: anna,
			value: 'Mijn antwoord',
			updatedAt: 1
		});
	const room = `table:${tableId}`;
	await db.insert(yjsDocuments).values({ room, updatedAt: 1 });
	await db.insert(yjsUpdates)
		.values({ room, data: Buffer.from('Anna de Vries') });
	return { meetingId, tableId: tableId!, anna, bram: bram.participantId, room };
}

describe('deleting a meeting’s personal data', () => {
	it('leaves no name in participants, cards, command log, invitations or stored board history; answers stay', async () => {
		const { meetingId, room } = await meetingFullOfNames();
		const result = await deletePersonalData(db, meetingId, 1_000);
		expect(result).toMatchObject({
			ok: true,
			participants: 2,
			invitations: 2,
			sessions: 2,
			cards: 2,
			commands: 2
		});
		// The board, the facilitation and meeting rooms and both participants' own rooms.
		expect(result.ok && result.rooms).toEqual(
			expect.arrayContaining([room, `facilitation:${meetingId}`, `meeting:${meetingId}`])
		);
		expect(result.ok && result.rooms.filter((r) => r.startsWith('participant:'))).toHaveLength(2);

		expect(
			(await db
				.select()
				.from(participants)
				.where(eq(participants.meetingId, meetingId)))
				.map((p) => [p.displayName, p.partnershipOther, p.invitationId])
		).toEqual([
			['Deelnemer 1', null, null],
			['Deelnemer 2', null, null]
		]);
		expect(await db.select().from(invitations)).toEqual([]);
		expect(
			(await db
				.select()
				.from(sessions))
				.filter((s) => s.participantId)
		).toEqual([]);
		expect(
			(await db
				.select()
				.from(cards))
				.map((c) => c.authorName)
		).toEqual([null, null]);
		expect(await db.select().from(yjsUpdates).where(eq(yjsUpdates.room, room))).toEqual([]);
		expect(
			(await first(db.select().from(yjsDocuments).where(eq(yjsDocuments.room, room))))?.generation
		).toBe(2);
		expect(
			(await first(db.select().from(meetings).where(eq(meetings.id, meetingId))))?.personalDataDeletedAt
		).toBe(1_000);

		const everything = JSON.stringify([
			await db.select().from(participants),
			await db.select().from(cards),
			await db.select().from(commandLog),
			await db.select().from(invitations)
		]);
		for (const name of NAMES) expect(everything).not.toContain(name);
		expect(
			(await db
				.select()
				.from(pollResponses))
				.map((r) => r.value)
		).toEqual(['Mijn antwoord']);
	});

	it('returns scrubbed cards for the boards that are live', async () => {
		const { meetingId } = await meetingFullOfNames();
		const result = await deletePersonalData(db, meetingId, 1_000);
		if (!result.ok) throw new Error(result.reason);
		const board = result.changes.find((c) => c.type === 'board.changed');
		if (board?.type !== 'board.changed') throw new Error('expected a board change');
		const cards = (await mapInOrder(board.tableIds, (id) => listBoardCards(db, id))).flat();
		expect(cards).toHaveLength(2);
		expect(cards.every((c) => c.authorName === null)).toBe(true);
		// And a poll projection without names, so the facilitation doc forgets them too.
		const poll = result.changes.find((c) => c.type === 'poll.changed');
		expect(poll && JSON.stringify(poll)).not.toMatch(/"name":"(?!Deelnemer)/);
	});

	it('refuses an unknown meeting', async () => {
		expect(await deletePersonalData(db, 'nope', 1)).toEqual({ ok: false, reason: 'not-found' });
	});
});

describe('retention', () => {
	const DAY = 86_400_000;

	it('cleans closed meetings whose last activity is older than the retention period, once', async () => {
		const { meetingId } = await meetingFullOfNames();
		const later = Date.now() + 31 * DAY;
		expect(await expiredMeetings(db, 30, later)).toEqual([]); // still open
		await setMeetingStatus(db, meetingId, 'closed');
		expect(await expiredMeetings(db, 60, later)).toEqual([]); // not old enough
		expect(await runRetention(db, 0, later)).toEqual([]); // 0: never
		expect(await runRetention(db, 30, later)).toEqual([meetingId]);
		expect(
			(await db
				.select()
				.from(participants))
				.map((p) => p.displayName)
		).toEqual(['Deelnemer 1', 'Deelnemer 2']);
		expect(await runRetention(db, 30, later + DAY)).toEqual([]);
	});

	it('reads RETENTION_DAYS, 365 by default, 0 to turn it off', () => {
		expect(readConfig({}).retentionDays).toBe(365);
		expect(readConfig({ RETENTION_DAYS: '0' }).retentionDays).toBe(0);
		expect(() => readConfig({ RETENTION_DAYS: '-1' })).toThrow(/RETENTION_DAYS/);
	});
});
