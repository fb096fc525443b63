import { first } from '../../src/lib/server/db/query.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import {
	invitations,
	meetings,
	participants,
	pollQuestions,
	pollResponses
} from '../../src/lib/server/db/schema.ts';
import { uploadInvitations } from '../../src/lib/server/invitations/upload-invitations.ts';
import { rotateInvitationLinks } from '../../src/lib/server/invitations/rotate-links.ts';
import { listInvitations } from '../../src/lib/server/invitations/list-invitations.ts';
import { invitationLinksCsv } from '../../src/lib/server/invitations/links-csv.ts';
import {
	lookUpPersonalLink,
	usePersonalLink
} from '../../src/lib/server/invitations/personal-link.ts';
import { sessionIdFromToken } from '../../src/lib/server/auth/tokens.ts';
import { newId } from '../../src/lib/server/ids.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

const LIST = [
	'naam;e-mailadres;partnerschap',
	'Anna de Vries;Anna@Example.nl;Partnerschap IJsselkracht',
	'Bram;;Partnerschap IJsselkracht',
	'Cor;geen-adres;',
	'Dirk;dirk@example.nl;Opleidingsschool Nergens',
	'Anna twee;anna@example.nl;',
	';eva@example.nl;'
].join('\r\n');

describe('invitation upload', () => {
	it('creates invitations for valid rows, with per-row errors and notes', async () => {
		const { meetingId } = await facilitatorWithMeeting(db);
		const result = await uploadInvitations(db, meetingId, LIST);
		if (!result.ok) throw new Error(result.reason);
		expect(result.errors).toEqual([
			{ line: 3, label: 'Bram', code: 'invite-email-required' },
			{ line: 4, label: 'Cor', code: 'invite-email-invalid' },
			{ line: 6, label: 'Anna twee', code: 'invite-email-duplicate' }
		]);
		expect(result.notes).toEqual([{ line: 5, label: 'Dirk', code: 'invite-partnership-kept' }]);
		expect(result.created.map((c) => [c.name, c.email, c.partnership])).toEqual([
			['Anna de Vries', 'anna@example.nl', 'Partnerschap IJsselkracht'],
			['Dirk', 'dirk@example.nl', 'Opleidingsschool Nergens'],
			[null, 'eva@example.nl', null]
		]);
		// Only the hash is stored; the token itself is nowhere in the database.
		const stored = await db.select().from(invitations);
		expect(stored.map((s) => s.tokenHash).sort()).toEqual(
			result.created.map((c) => sessionIdFromToken(c.token)).sort()
		);
		expect(JSON.stringify(stored)).not.toContain(result.created[0].token);
		// Uploading the same list again invites nobody twice.
		const again = await uploadInvitations(db, meetingId, LIST);
		expect(again.ok && again.created).toEqual([]);
	});

	it('exports the links as a formula-safe mail-merge CSV', async () => {
		const { meetingId } = await facilitatorWithMeeting(db);
		const result = await uploadInvitations(
			db,
			meetingId,
			'name,email,partnership\n=cmd|calc,x@example.nl,+Evil\n'
		);
		if (!result.ok) throw new Error(result.reason);
		const csv = invitationLinksCsv(result.created, 'https://denktafel.example.nl/', {
			name: 'naam',
			email: 'email',
			partnership: 'partnerschap',
			link: 'link'
		});
		expect(csv).toBe(
			`\uFEFFnaam;email;partnerschap;link\r\n'=cmd|calc;x@example.nl;'+Evil;https://denktafel.example.nl/i/${result.created[0].token}`
		);
	});

	it('renewing the links makes the old ones stop working', async () => {
		const { meetingId } = await facilitatorWithMeeting(db);
		const result = await uploadInvitations(db, meetingId, 'email\na@example.nl\nb@example.nl\n');
		if (!result.ok) throw new Error(result.reason);
		const old = result.created[0].token;
		expect((await lookUpPersonalLink(db, old)).ok).toBe(true);
		const renewed = await rotateInvitationLinks(db, meetingId);
		expect(renewed).toHaveLength(2);
		expect(await lookUpPersonalLink(db, old)).toEqual({ ok: false, reason: 'unknown-link' });
		expect((await lookUpPersonalLink(db, renewed.find((r) => r.email === 'a@example.nl')!.token)).ok).toBe(
			true
		);
	});
});

describe('personal links', () => {
	it('creates the participant on first use from the invitation, asking only what is missing, and signs in again later', async () => {
		const { meetingId } = await facilitatorWithMeeting(db);
		const result = await uploadInvitations(
			db,
			meetingId,
			'name;email;partnership\nAnna;anna@example.nl;Opleidingsschool Nergens\n'
		);
		if (!result.ok) throw new Error(result.reason);
		const token = result.created[0].token;
		expect(await usePersonalLink(db, token, {})).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { sector: 'sector-required' }
		});
		const joined = await usePersonalLink(db, token, { sector: 'vo' });
		if (!joined.ok) throw new Error(joined.reason);
		const p = await first(db.select().from(participants).where(eq(participants.id, joined.participantId)));
		expect(p).toMatchObject({
			displayName: 'Anna',
			partnershipId: null,
			partnershipOther: 'Opleidingsschool Nergens',
			sector: 'vo'
		});
		expect(p?.invitationId).toBe(result.created[0].id);
		const again = await usePersonalLink(db, token, {});
		expect(again).toEqual(joined);
		expect(await lookUpPersonalLink(db, token)).toMatchObject({ ok: true, link: { used: true } });
	});

	it('refuses unknown tokens and closed meetings', async () => {
		const { meetingId } = await facilitatorWithMeeting(db);
		const result = await uploadInvitations(db, meetingId, 'email\na@example.nl\n');
		if (!result.ok) throw new Error(result.reason);
		expect(await usePersonalLink(db, 'a'.repeat(32), {})).toEqual({ ok: false, reason: 'unknown-link' });
		expect(await usePersonalLink(db, '../etc', {})).toEqual({ ok: false, reason: 'unknown-link' });
		await db.update(meetings).set({ status: 'closed' }).where(eq(meetings.id, meetingId));
		expect(await usePersonalLink(db, result.created[0].token, {})).toEqual({
			ok: false,
			reason: 'meeting-closed'
		});
	});

	it('lists who has answered in a named meeting, and not in an anonymous one', async () => {
		const { meetingId } = await facilitatorWithMeeting(db);
		const result = await uploadInvitations(
			db,
			meetingId,
			'name,email\nAnna,a@example.nl\nBram,b@example.nl\nCor,c@example.nl\n'
		);
		if (!result.ok) throw new Error(result.reason);
		const [anna, bram] = result.created;
		const used = await usePersonalLink(db, anna.token, {
			sector: 'po',
			partnership: 'Partnerschap IJsselkracht'
		});
		await usePersonalLink(db, bram.token, { sector: 'po', partnership: 'Partnerschap IJsselkracht' });
		if (!used.ok) throw new Error(used.reason);
		const questionId = newId();
		await db.insert(pollQuestions)
			.values({
				id: questionId,
				meetingId,
				key: 'q1',
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
				participantId: used.participantId,
				value: 'antwoord',
				updatedAt: 1
			});
		expect((await listInvitations(db, meetingId, false)).map((i) => [i.name, i.status, i.answers])).toEqual(
			[
				['Anna', 'answered', 1],
				['Bram', 'joined', 0],
				['Cor', 'not-used', 0]
			]
		);
		expect(
			(await listInvitations(db, meetingId, true)).every((i) => i.status === null && i.answers === null)
		).toBe(true);
	});
});
