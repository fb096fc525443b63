import { first } from '../../src/lib/server/db/query.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { meetings, participants, regions } from '../../src/lib/server/db/schema.ts';
import { joinMeeting } from '../../src/lib/server/meetings/join-meeting.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

const participant = async (id: string) =>
	(await first(db.select().from(participants).where(eq(participants.id, id))))!;

describe('joining with the register', () => {
	it('links a partnership from the register and brings its only region along', async () => {
		const { joinCode } = await facilitatorWithMeeting(db);
		const result = await joinMeeting(db, joinCode, {
			displayName: 'Anna',
			partnership: 'Partnerschap IJsselkracht',
			sector: 'po'
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const p = await participant(result.participantId);
		const region = await first(db.select().from(regions).where(eq(regions.id, p.regionId!)));
		expect(region?.name).toBe('Onderwijsregio IJsseldelta');
		expect(p.partnershipOther).toBeNull();
	});

	it('keeps an unknown partnership as free text only when "other" is ticked', async () => {
		const { joinCode } = await facilitatorWithMeeting(db);
		const input = { displayName: 'Bram', partnership: 'Opleidingsschool Nergens', sector: 'vo' };
		expect(await joinMeeting(db, joinCode, input)).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { partnership: 'partnership-unknown' }
		});
		const result = await joinMeeting(db, joinCode, { ...input, partnershipOther: true });
		if (!result.ok) throw new Error(result.reason);
		expect(await participant(result.participantId)).toMatchObject({
			partnershipId: null,
			partnershipOther: 'Opleidingsschool Nergens',
			regionId: null
		});
	});

	it('stores the chosen region, and refuses one that does not exist', async () => {
		const { joinCode } = await facilitatorWithMeeting(db);
		const region = (await first(db
			.select()
			.from(regions)
			.where(eq(regions.name, 'Onderwijsregio Heuvelland'))))!;
		const input = { displayName: 'Cor', partnership: 'Academie Deltaleren', sector: 'mbo' };
		expect(await joinMeeting(db, joinCode, { ...input, region: 'bestaat-niet' })).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { region: 'region-unknown' }
		});
		const result = await joinMeeting(db, joinCode, { ...input, region: region.id });
		if (!result.ok) throw new Error(result.reason);
		expect((await participant(result.participantId)).regionId).toBe(region.id);
	});

	it('asks nothing in an anonymous meeting and stores only a pseudonym', async () => {
		const { joinCode, meetingId } = await facilitatorWithMeeting(db);
		await db.update(meetings).set({ anonymous: true }).where(eq(meetings.id, meetingId));
		const first = await joinMeeting(db, joinCode, {});
		const second = await joinMeeting(db, joinCode, {
			displayName: 'Anna',
			partnership: 'Partnerschap IJsselkracht',
			sector: 'po'
		});
		if (!first.ok || !second.ok) throw new Error('join failed');
		expect(await participant(first.participantId)).toMatchObject({
			displayName: 'Deelnemer 1',
			partnershipId: null,
			sector: null,
			regionId: null
		});
		// Whatever a client sends anyway is ignored.
		expect(await participant(second.participantId)).toMatchObject({
			displayName: 'Deelnemer 2',
			partnershipId: null,
			sector: null
		});
	});
});
