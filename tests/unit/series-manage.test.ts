import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, signIn } from '../helpers/fixtures.ts';
import { createUser } from '../../src/lib/server/users/users.ts';
import {
	getSeries,
	listSeriesFor,
	saveSeries,
	setSeriesArchived
} from '../../src/lib/server/series/manage-series.ts';
import { updateMeetingDetails } from '../../src/lib/server/meetings/meeting-details.ts';
import type { Db } from '../../src/lib/server/db/client.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

describe('series', () => {
	it('are created, edited and archived by their facilitator; admins see and manage all', async () => {
		const a = await facilitatorWithMeeting(db);
		const b = await facilitatorWithMeeting(db);
		const adminId = await createUser(db, {
			email: 'beheer@example.nl',
			name: 'Beheer',
			role: 'admin',
			password: 'correct horse battery'
		});
		const { actor: fa } = await signIn(db, { userId: a.userId });
		const { actor: fb } = await signIn(db, { userId: b.userId });
		const { actor: admin } = await signIn(db, { userId: adminId });

		const created = await saveSeries(db, fa, null, {
			title: 'Het partnerschap in de onderwijsregio',
			description: ''
		});
		if (!created.ok) throw new Error(created.reason);
		expect(
			await saveSeries(db, fa, created.seriesId, { title: 'Andere titel', description: 'Twee sessies' })
		).toEqual({ ok: true, seriesId: created.seriesId });
		expect(await getSeries(db, created.seriesId)).toMatchObject({
			title: 'Andere titel',
			description: 'Twee sessies'
		});

		expect(await listSeriesFor(db, fb)).toEqual([]);
		expect(await saveSeries(db, fb, created.seriesId, { title: 'Gekaapt' })).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
		expect(await setSeriesArchived(db, fb, created.seriesId, true, 1)).toEqual({
			ok: false,
			reason: 'not-allowed'
		});

		expect((await listSeriesFor(db, admin)).map((s) => s.id)).toEqual([created.seriesId]);
		expect(await setSeriesArchived(db, admin, created.seriesId, true, 99)).toMatchObject({ ok: true });
		expect((await getSeries(db, created.seriesId))?.archivedAt).toBe(99);
		expect(await saveSeries(db, fa, null, { title: '' })).toMatchObject({
			reason: 'invalid',
			errors: { title: 'title-required' }
		});
	});

	it('become visible to a facilitator whose meeting belongs to them; unknown series are refused', async () => {
		const a = await facilitatorWithMeeting(db);
		const b = await facilitatorWithMeeting(db);
		const { actor: fa } = await signIn(db, { userId: a.userId });
		const { actor: fb } = await signIn(db, { userId: b.userId });
		const s = await saveSeries(db, fa, null, { title: 'Reeks' });
		if (!s.ok) throw new Error(s.reason);
		expect(
			await updateMeetingDetails(db, fb, b.meetingId, { title: 'B', seriesId: 'bestaatniet' }, 1)
		).toMatchObject({ errors: { seriesId: 'series-unknown' } });
		expect(
			await updateMeetingDetails(db, fb, b.meetingId, { title: 'B', seriesId: s.seriesId }, 1)
		).toEqual({ ok: true });
		expect((await listSeriesFor(db, fb)).map((x) => x.id)).toEqual([s.seriesId]);
	});
});
