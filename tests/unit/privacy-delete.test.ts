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
	const anna = joinAs(db, joinCode, 'Anna de Vries').participantId;
	const upload = uploadInvitations(
		db,
		meetingId,
		'name;email;partnership\nBram Bakker;bram@example.nl;Opleidingsschool Nergens\nNooit Gebruikt;nooit@example.nl;\n'
	);
	if (!upload.ok) throw new Error(upload.reason);
	const bram = usePersonalLink(db, upload.created[0].token, { sector: 'vo' });
	if (!bram.ok) throw new Error(bram.reason);
	for (const [participantId, text] of [
		[anna, 'Wie heeft de regie?'],
		[bram.participantId, 'Wat kost het?']
	] as const) {
		const { actor } = signIn(db, { participantId });
		const added = addCard(db, actor, tableId!, { commandId: newId(), text }, Date.now());
		if (!added.ok) throw new Error(added.reason);
	}
	const questionId = newId();
	db.insert(pollQuestions)
		.values({
			id: questionId,
			meetingId,
			key: 'q',
			position: 'a0',
			type: 'text',
			prompt: 'Vraag',
			updatedAt: 1
		})
		.run();
	db.insert(pollResponses)
		.values({
			id: newId(),
			meetingId,
			questionId,
			participantId: anna,
			value: 'Mijn antwoord',
			updatedAt: 1
		})
		.run();
	const room = `table:${tableId}`;
	db.insert(yjsDocuments).values({ room, updatedAt: 1 }).run();
	db.insert(yjsUpdates)
		.values({ room, data: Buffer.from('Anna de Vries') })
		.run();
	return { meetingId, tableId: tableId!, anna, bram: bram.participantId, room };
}

describe('deleting a meeting’s personal data', () => {
	it('leaves no name in participants, cards, command log, invitations or stored board history; answers stay', async () => {
		const { meetingId, room } = await meetingFullOfNames();
		const result = deletePersonalData(db, meetingId, 1_000);
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
			db
				.select()
				.from(participants)
				.where(eq(participants.meetingId, meetingId))
				.all()
				.map((p) => [p.displayName, p.partnershipOther, p.invitationId])
		).toEqual([
			['Deelnemer 1', null, null],
			['Deelnemer 2', null, null]
		]);
		expect(db.select().from(invitations).all()).toEqual([]);
		expect(
			db
				.select()
				.from(sessions)
				.all()
				.filter((s) => s.participantId)
		).toEqual([]);
		expect(
			db
				.select()
				.from(cards)
				.all()
				.map((c) => c.authorName)
		).toEqual([null, null]);
		expect(db.select().from(yjsUpdates).where(eq(yjsUpdates.room, room)).all()).toEqual([]);
		expect(
			db.select().from(yjsDocuments).where(eq(yjsDocuments.room, room)).get()?.generation
		).toBe(2);
		expect(
			db.select().from(meetings).where(eq(meetings.id, meetingId)).get()?.personalDataDeletedAt
		).toBe(1_000);

		const everything = JSON.stringify([
			db.select().from(participants).all(),
			db.select().from(cards).all(),
			db.select().from(commandLog).all(),
			db.select().from(invitations).all()
		]);
		for (const name of NAMES) expect(everything).not.toContain(name);
		expect(
			db
				.select()
				.from(pollResponses)
				.all()
				.map((r) => r.value)
		).toEqual(['Mijn antwoord']);
	});

	it('returns scrubbed cards for the boards that are live', async () => {
		const { meetingId } = await meetingFullOfNames();
		const result = deletePersonalData(db, meetingId, 1_000);
		if (!result.ok) throw new Error(result.reason);
		const board = result.changes.find((c) => c.type === 'board.changed');
		if (board?.type !== 'board.changed') throw new Error('expected a board change');
		const cards = board.tableIds.flatMap((id) => listBoardCards(db, id));
		expect(cards).toHaveLength(2);
		expect(cards.every((c) => c.authorName === null)).toBe(true);
		// And a poll projection without names, so the facilitation doc forgets them too.
		const poll = result.changes.find((c) => c.type === 'poll.changed');
		expect(poll && JSON.stringify(poll)).not.toMatch(/"name":"(?!Deelnemer)/);
	});

	it('refuses an unknown meeting', () => {
		expect(deletePersonalData(db, 'nope', 1)).toEqual({ ok: false, reason: 'not-found' });
	});
});

describe('retention', () => {
	const DAY = 86_400_000;

	it('cleans closed meetings whose last activity is older than the retention period, once', async () => {
		const { meetingId } = await meetingFullOfNames();
		const later = Date.now() + 31 * DAY;
		expect(expiredMeetings(db, 30, later)).toEqual([]); // still open
		setMeetingStatus(db, meetingId, 'closed');
		expect(expiredMeetings(db, 60, later)).toEqual([]); // not old enough
		expect(runRetention(db, 0, later)).toEqual([]); // 0: never
		expect(runRetention(db, 30, later)).toEqual([meetingId]);
		expect(
			db
				.select()
				.from(participants)
				.all()
				.map((p) => p.displayName)
		).toEqual(['Deelnemer 1', 'Deelnemer 2']);
		expect(runRetention(db, 30, later + DAY)).toEqual([]);
	});

	it('reads RETENTION_DAYS, 365 by default, 0 to turn it off', () => {
		expect(readConfig({}).retentionDays).toBe(365);
		expect(readConfig({ RETENTION_DAYS: '0' }).retentionDays).toBe(0);
		expect(() => readConfig({ RETENTION_DAYS: '-1' })).toThrow(/RETENTION_DAYS/);
	});
});
