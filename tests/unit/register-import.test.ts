import { first } from '../../src/lib/server/db/query.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, joinAs } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { participants, regions } from '../../src/lib/server/db/schema.ts';
import { importRegisterCsv } from '../../src/lib/server/register/import-register.ts';
import {
	deletePartnership,
	deleteRegion,
	savePartnership,
	saveRegion
} from '../../src/lib/server/register/manage-register.ts';
import { listPartnerships } from '../../src/lib/server/register/partnerships.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

describe('register import', () => {
	it('applies the valid rows, reports each bad row with its line, and creates unknown regions', async () => {
		const csv = [
			'name;sectors;regions',
			'Partnerschap Noord;po,vo;Regio A|Regio B',
			';po;Regio A',
			'Partnerschap Zuid;hbo;Regio A',
			'Partnerschap Oost;mbo;',
			'partnerschap noord;vo;Regio C',
			'Partnerschap West;MBO;Regio B'
		].join('\n');
		const result = await importRegisterCsv(db, csv);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.errors).toEqual([
			{ line: 3, label: '', code: 'register-name-required' },
			{ line: 4, label: 'Partnerschap Zuid', code: 'register-sector-unknown' },
			{ line: 5, label: 'Partnerschap Oost', code: 'register-regions-required' },
			{ line: 6, label: 'partnerschap noord', code: 'register-duplicate-row' }
		]);
		expect(result.summary).toEqual({
			created: 2,
			updated: 0,
			regionsCreated: ['Regio A', 'Regio B'],
			skipped: 4
		});
		expect(await listPartnerships(db)).toMatchObject([
			{
				name: 'Partnerschap Noord',
				sectors: ['po', 'vo'],
				regions: expect.arrayContaining(['Regio A', 'Regio B'])
			},
			{ name: 'Partnerschap West', sectors: ['mbo'], regions: ['Regio B'] }
		]);
	});

	it('updates a partnership that exists, so the same file can be imported twice', async () => {
		await importRegisterCsv(db, 'name,sectors,regions\nAlfa,po,Regio A\n');
		const again = await importRegisterCsv(db, 'name,sectors,regions\nalfa,"po,mbo",Regio A\n');
		expect(again.ok && again.summary).toEqual({
			created: 0,
			updated: 1,
			regionsCreated: [],
			skipped: 0
		});
		expect(await listPartnerships(db)).toMatchObject([{ name: 'Alfa', sectors: ['po', 'mbo'] }]);
	});

	it('applies nothing when a required column is missing', async () => {
		expect(await importRegisterCsv(db, 'name;sectors\nAlfa;po\n')).toEqual({
			ok: false,
			reason: 'csv-missing-columns',
			missing: ['regions']
		});
		expect(await listPartnerships(db)).toEqual([]);
	});
});

describe('register management', () => {
	it('adds and edits a partnership with sectors and regions; names are unique regardless of case', async () => {
		const a = await saveRegion(db, { name: 'Regio A' });
		expect(a.ok).toBe(true);
		if (!a.ok) return;
		expect(await saveRegion(db, { name: 'regio a' })).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { name: 'register-name-taken' }
		});
		const p = await savePartnership(db, { name: 'Alfa', sectors: ['po'], regionIds: [a.id] });
		expect(p.ok).toBe(true);
		if (!p.ok) return;
		expect(
			await savePartnership(db, { name: 'Alfa', sectors: ['vo', 'mbo'], regionIds: [a.id] }, p.id)
		).toEqual({ ok: true, id: p.id });
		expect(await listPartnerships(db)).toMatchObject([
			{ name: 'Alfa', sectors: ['vo', 'mbo'], regions: ['Regio A'] }
		]);
		expect(await savePartnership(db, { name: 'ALFA', sectors: ['po'], regionIds: [a.id] })).toMatchObject(
			{ errors: { name: 'register-name-taken' } }
		);
	});

	it('asks for at least one sector and one known region', async () => {
		expect(await savePartnership(db, { name: 'B', sectors: [], regionIds: [] })).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { sectors: 'register-sectors-required', regionIds: 'register-regions-required' }
		});
		expect(await savePartnership(db, { name: 'B', sectors: ['po'], regionIds: ['nope'] })).toMatchObject({
			errors: { regionIds: 'region-unknown' }
		});
	});

	it('refuses to delete a region a participant chose, and deletes it when unused', async () => {
		const { joinCode } = await facilitatorWithMeeting(db);
		const { participantId } = await joinAs(db, joinCode, 'Anna');
		const region = (await first(db.select().from(regions)))!;
		await db.update(participants)
			.set({ regionId: region.id })
			.where(eq(participants.id, participantId));
		expect(await deleteRegion(db, region.id)).toEqual({
			ok: false,
			reason: 'region-in-use',
			participants: 1
		});
		await db.update(participants).set({ regionId: null }).where(eq(participants.id, participantId));
		expect(await deleteRegion(db, region.id)).toEqual({ ok: true });
		expect(await deleteRegion(db, region.id)).toEqual({ ok: false, reason: 'not-found' });
	});

	it('deleting a partnership leaves its participants without one', async () => {
		const { joinCode } = await facilitatorWithMeeting(db);
		const { participantId } = await joinAs(db, joinCode, 'Anna');
		const before = (await first(db.select().from(participants).where(eq(participants.id, participantId))))!;
		expect(await deletePartnership(db, before.partnershipId!)).toBe(true);
		expect(
			(await first(db.select().from(participants).where(eq(participants.id, participantId))))?.partnershipId
		).toBeNull();
	});
});
