import { first } from '../../src/lib/server/db/query.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, joinAs, setMeetingStatus, signIn } from '../helpers/fixtures.ts';
import { createUser } from '../../src/lib/server/users/users.ts';
import { meetings, users } from '../../src/lib/server/db/schema.ts';
import { loadMeetingFacts } from '../../src/lib/server/access/facts.ts';
import { canManageMeeting } from '../../src/lib/server/access/policies.ts';
import {
	addCoFacilitator,
	listCoFacilitators,
	removeCoFacilitator
} from '../../src/lib/server/meetings/co-facilitators.ts';
import {
	checkProjectorToken,
	issueProjectorToken
} from '../../src/lib/server/meetings/projector-token.ts';
import { updateMeetingDetails } from '../../src/lib/server/meetings/meeting-details.ts';
import { moveTable, saveTable } from '../../src/lib/server/meetings/manage-tables.ts';
import {
	listMeetingThemes,
	moveTheme,
	saveTheme
} from '../../src/lib/server/meetings/manage-themes.ts';
import { getMeeting, listMeetingTables } from '../../src/lib/server/meetings/queries.ts';
import type { Db } from '../../src/lib/server/db/client.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

const staff = (email: string) =>
	createUser(db, {
		email,
		name: email.split('@')[0],
		role: 'facilitator',
		password: 'correct horse battery'
	});

describe('co-facilitators by email', () => {
	it('adds an active account, which may then manage the meeting, and removes it again', async () => {
		const m = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId: m.userId });
		const coId = await staff('mede@example.nl');
		expect(await addCoFacilitator(db, actor, m.meetingId, '  Mede@Example.NL ', 1)).toEqual({
			ok: true,
			userId: coId
		});
		const { actor: co } = await signIn(db, { userId: coId });
		expect(canManageMeeting(co, (await loadMeetingFacts(db, m.meetingId))!)).toBe(true);
		expect((await listCoFacilitators(db, m.meetingId)).map((u) => u.email)).toEqual(['mede@example.nl']);
		expect(await addCoFacilitator(db, actor, m.meetingId, 'mede@example.nl', 2)).toMatchObject({
			reason: 'already-facilitator'
		});
		expect(await removeCoFacilitator(db, actor, m.meetingId, coId, 3)).toEqual({
			ok: true,
			userId: coId
		});
		expect(canManageMeeting(co, (await loadMeetingFacts(db, m.meetingId))!)).toBe(false);
	});

	it('refuses unknown and disabled accounts, bad addresses and the creator', async () => {
		const m = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId: m.userId });
		const disabled = await staff('weg@example.nl');
		await db.update(users).set({ disabled: true }).where(eq(users.id, disabled));
		expect(await addCoFacilitator(db, actor, m.meetingId, 'niemand@example.nl', 1)).toEqual({
			ok: false,
			reason: 'unknown-account'
		});
		expect(await addCoFacilitator(db, actor, m.meetingId, 'weg@example.nl', 1)).toEqual({
			ok: false,
			reason: 'unknown-account'
		});
		expect(await addCoFacilitator(db, actor, m.meetingId, '', 1)).toEqual({
			ok: false,
			reason: 'email-required'
		});
		expect(await addCoFacilitator(db, actor, m.meetingId, 'geen-adres', 1)).toEqual({
			ok: false,
			reason: 'email-invalid'
		});
		const creator = (await first(db
			.select({ email: users.email })
			.from(users)
			.where(eq(users.id, m.userId))))!;
		expect(await addCoFacilitator(db, actor, m.meetingId, creator.email, 1)).toEqual({
			ok: false,
			reason: 'already-facilitator'
		});
	});

	it('cannot be managed by a facilitator of another meeting', async () => {
		const m = await facilitatorWithMeeting(db);
		const other = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId: other.userId });
		expect(await addCoFacilitator(db, actor, m.meetingId, 'x@example.nl', 1)).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
	});
});

describe('projector tokens', () => {
	it('open only their own meeting, stop working when regenerated, and are stored only as a hash', async () => {
		const m = await facilitatorWithMeeting(db);
		const other = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId: m.userId });
		const first = await issueProjectorToken(db, actor, m.meetingId, 1);
		if (!first.ok) throw new Error(first.reason);
		expect(await checkProjectorToken(db, m.meetingId, first.token)).toBe(true);
		expect(await checkProjectorToken(db, other.meetingId, first.token)).toBe(false);
		expect((await getMeeting(db, m.meetingId))?.projectorTokenHash).not.toContain(first.token);
		const second = await issueProjectorToken(db, actor, m.meetingId, 2);
		if (!second.ok) throw new Error(second.reason);
		expect(await checkProjectorToken(db, m.meetingId, first.token)).toBe(false);
		expect(await checkProjectorToken(db, m.meetingId, second.token)).toBe(true);
		for (const bad of [null, '', 'x', second.token.toUpperCase(), `${second.token}a`]) {
			expect(await checkProjectorToken(db, m.meetingId, bad)).toBe(false);
		}
	});

	it('are issued only to those who manage the meeting', async () => {
		const m = await facilitatorWithMeeting(db);
		const other = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId: other.userId });
		expect(await issueProjectorToken(db, actor, m.meetingId, 1)).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
		expect(await checkProjectorToken(db, m.meetingId, 'a'.repeat(32))).toBe(false);
	});
});

describe('details, tables and themes', () => {
	it('saves details read on an Amsterdam clock, and refuses them once the meeting is closed', async () => {
		const m = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId: m.userId });
		const input = {
			title: ' Nieuwe titel ',
			date: '2026-07-01',
			time: '14:30',
			place: 'Utrecht',
			introduction: 'Welkom',
			anonymous: false
		};
		expect(await updateMeetingDetails(db, actor, m.meetingId, input, 1)).toEqual({ ok: true });
		expect(await getMeeting(db, m.meetingId)).toMatchObject({
			title: 'Nieuwe titel',
			startsAt: Date.UTC(2026, 6, 1, 12, 30),
			place: 'Utrecht'
		});
		expect(
			await updateMeetingDetails(db, actor, m.meetingId, { ...input, time: '25:00' }, 1)
		).toMatchObject({ reason: 'invalid', errors: { time: 'time-invalid' } });
		expect(await updateMeetingDetails(db, actor, m.meetingId, { ...input, title: '' }, 1)).toMatchObject({
			errors: { title: 'title-required' }
		});
		await setMeetingStatus(db, m.meetingId, 'closed');
		expect(await updateMeetingDetails(db, actor, m.meetingId, input, 1)).toEqual({
			ok: false,
			reason: 'meeting-not-editable'
		});
	});

	it('keeps the anonymity promise once someone has joined', async () => {
		const m = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId: m.userId });
		await joinAs(db, m.joinCode, 'Anna');
		expect(
			await updateMeetingDetails(db, actor, m.meetingId, { title: 'T', anonymous: true }, 1)
		).toEqual({ ok: false, reason: 'anonymity-locked' });
		expect((await first(db.select().from(meetings).where(eq(meetings.id, m.meetingId))))?.anonymous).toBe(
			false
		);
	});

	it('adds, edits and reorders tables and themes', async () => {
		const m = await facilitatorWithMeeting(db);
		const { actor } = await signIn(db, { userId: m.userId });
		const added = await saveTable(
			db,
			actor,
			m.meetingId,
			null,
			{ name: 'Tafel 2', topic: 'Financiën', maxSize: '8' },
			1
		);
		if (!added.ok) throw new Error(added.reason);
		expect(
			await saveTable(db, actor, m.meetingId, added.tableId, { name: 'Tafel B', maxSize: '0' }, 1)
		).toMatchObject({ errors: { maxSize: 'max-size-invalid' } });
		await moveTable(db, actor, m.meetingId, added.tableId, 'up', 2);
		expect((await listMeetingTables(db, m.meetingId)).map((t) => [t.name, t.topic, t.maxSize])).toEqual([
			['Tafel 2', 'Financiën', 8],
			['Tafel 1', null, null]
		]);

		// A new meeting starts with the three default themes; these two come after them.
		expect((await listMeetingThemes(db, m.meetingId)).map((t) => t.name)).toEqual(['Governance', 'Financiën', 'Kwaliteit']);
		const g = await saveTheme(db, actor, m.meetingId, null, { name: 'Regie', color: '#0B4F8A' }, 1);
		const f = await saveTheme(db, actor, m.meetingId, null, { name: 'Geld', color: '#8a4b00' }, 1);
		if (!g.ok || !f.ok) throw new Error('theme');
		expect(
			await saveTheme(db, actor, m.meetingId, g.themeId, { name: 'Bestuur', color: 'red; x' }, 1)
		).toMatchObject({ errors: { color: 'color-invalid' } });
		await saveTheme(db, actor, m.meetingId, g.themeId, { name: 'Bestuur', color: '#112233' }, 1);
		await moveTheme(db, actor, m.meetingId, f.themeId, 'up', 1);
		expect((await listMeetingThemes(db, m.meetingId)).map((t) => [t.name, t.color]).slice(3)).toEqual([
			['Geld', '#8a4b00'],
			['Bestuur', '#112233']
		]);
	});
});
