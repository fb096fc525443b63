import { first } from '../../src/lib/server/db/query.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { addCoFacilitator, facilitatorWithMeeting, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { cards, meetings, participants, series, votes } from '../../src/lib/server/db/schema.ts';
import { createUser } from '../../src/lib/server/users/users.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { searchCards, searchFilters, type CardHit } from '../../src/lib/server/search/search-cards.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

async function twoMeetings() {
	const owner = await facilitatorWithMeeting(db);
	const named = await createRealisticMeeting(db, owner.userId, { now: 1, seed: 5, participants: 30, title: 'Benoemde sessie' });
	const anonymous = await createRealisticMeeting(db, owner.userId, { now: 1, seed: 6, participants: 30, title: 'Anonieme sessie' });
	await db.update(meetings).set({ anonymous: true }).where(eq(meetings.id, anonymous.meetingId));
	await db.insert(series).values({ id: 'seriesbbbbbbbbbbbbbb', title: 'Reeks onderwijsregio', createdBy: owner.userId });
	await db.update(meetings).set({ seriesId: 'seriesbbbbbbbbbbbbbb' }).where(eq(meetings.id, named.meetingId));
	const other = await facilitatorWithMeeting(db);
	const adminId = await createUser(db, { email: 'admin-search@example.nl', name: 'Ada Admin', role: 'admin', password: 'correct horse battery' });
	return {
		named: named.meetingId,
		anonymous: anonymous.meetingId,
		owner: (await signIn(db, { userId: owner.userId })).actor,
		otherId: other.userId,
		other: (await signIn(db, { userId: other.userId })).actor,
		admin: (await signIn(db, { userId: adminId })).actor,
		participant: (await signIn(db, { participantId: named.participantIds[0] })).actor
	};
}

function hits(result: Awaited<ReturnType<typeof searchCards>>): CardHit[] {
	if (!result.ok) throw new Error(`search refused: ${result.reason}`);
	return result.hits;
}

describe('searching key questions across meetings', { timeout: 30_000 }, () => {
	it('finds cards by every word typed, with meeting, table, theme and the votes SQL holds', async () => {
		const s = await twoMeetings();
		const found = hits(await searchCards(db, s.owner, { q: 'penvoerder rol' }));
		expect(found.map((h) => h.text)).toEqual(['Kiezen we zelf onze rol, of bepaalt de penvoerder die?', 'Kiezen we zelf onze rol, of bepaalt de penvoerder die?']);
		expect(new Set(found.map((h) => h.meeting))).toEqual(new Set(['Benoemde sessie', 'Anonieme sessie']));
		for (const hit of found) {
			expect(hit.table).toMatch(/^Tafel/);
			expect(hit.theme).toBe('Governance');
			const dots = (await first(db.select({ n: sql<number>`coalesce(sum(${votes.dots}), 0)` }).from(votes).where(eq(votes.cardId, hit.id))))!.n;
			expect(hit.votes).toBe(Number(dots));
		}
		// Case does not matter; LIKE wildcards typed by the user match only themselves.
		expect(hits(await searchCards(db, s.owner, { q: 'PENVOERDER' }))).toHaveLength(4);
		expect(hits(await searchCards(db, s.owner, { q: '%' }))).toEqual([]);
		expect(hits(await searchCards(db, s.owner, { q: 'geen-woord-dat-voorkomt' }))).toEqual([]);
	});

	it('filters by theme, by the sector of the person who asked and by series', async () => {
		const s = await twoMeetings();
		const finance = hits(await searchCards(db, s.owner, { theme: 'financiën' }));
		expect(finance.length).toBeGreaterThan(4);
		expect(finance.every((h) => h.theme === 'Financiën')).toBe(true);

		const mbo = hits(await searchCards(db, s.owner, { sector: 'mbo' }));
		expect(mbo.length).toBeGreaterThan(0);
		for (const hit of mbo) {
			const author = await first(db.select({ sector: participants.sector }).from(cards).innerJoin(participants, eq(participants.id, cards.authorParticipantId)).where(eq(cards.id, hit.id)));
			expect(author?.sector).toBe('mbo');
		}
		const inSeries = hits(await searchCards(db, s.owner, { series: 'seriesbbbbbbbbbbbbbb' }));
		expect(inSeries.length).toBeGreaterThan(10);
		expect(inSeries.every((h) => h.meetingId === s.named)).toBe(true);
		// Most votes first.
		expect(inSeries.every((h, i) => i === 0 || inSeries[i - 1].votes >= h.votes)).toBe(true);
		expect(await searchCards(db, s.owner, { sector: 'hbo' })).toMatchObject({ ok: false, reason: 'invalid' });
		expect(await searchFilters(db, s.owner)).toEqual({ themes: ['Financiën', 'Governance', 'Kwaliteit'], series: [{ id: 'seriesbbbbbbbbbbbbbb', title: 'Reeks onderwijsregio' }] });
	});

	it('finds for a facilitator only the meetings they facilitate or co-facilitate; admins everywhere; participants nothing', async () => {
		const s = await twoMeetings();
		expect(hits(await searchCards(db, s.other, { q: 'penvoerder' }))).toEqual([]);
		expect((await searchFilters(db, s.other)).themes).toEqual(['Financiën', 'Governance', 'Kwaliteit']);
		expect((await searchFilters(db, s.other)).series).toEqual([]);
		await addCoFacilitator(db, s.named, s.otherId);
		const co = hits(await searchCards(db, s.other, { q: 'penvoerder' }));
		expect(co.length).toBe(2);
		expect(co.every((h) => h.meetingId === s.named)).toBe(true);
		expect(hits(await searchCards(db, s.admin, { q: 'penvoerder' }))).toHaveLength(4);
		expect(await searchCards(db, s.participant, { q: 'penvoerder' })).toEqual({ ok: false, reason: 'not-allowed' });
		expect(await searchCards(db, null, { q: 'penvoerder' })).toEqual({ ok: false, reason: 'not-allowed' });
	});

	it('never shows who asked in an anonymous meeting, and names them in a named one', async () => {
		const s = await twoMeetings();
		const all = hits(await searchCards(db, s.admin, { q: '' }));
		const anonymous = all.filter((h) => h.meetingId === s.anonymous);
		expect(anonymous.length).toBeGreaterThan(10);
		expect(anonymous.every((h) => h.author === null)).toBe(true);
		const stored = await db.select({ name: cards.authorName }).from(cards).where(eq(cards.meetingId, s.anonymous));
		expect(stored.some((c) => c.name)).toBe(true);
		const text = JSON.stringify(anonymous);
		for (const { name } of stored) if (name) expect(text).not.toContain(name);
		expect(all.filter((h) => h.meetingId === s.named).every((h) => typeof h.author === 'string' && h.author.length > 0)).toBe(true);
	});

	it('leaves out hidden, withdrawn and merged-away cards', async () => {
		const s = await twoMeetings();
		const inNamed = and(eq(cards.meetingId, s.named), like(cards.text, '%extra bestuurslaag%'));
		await db.update(cards).set({ hiddenAt: 2, hiddenReason: 'dubbel' }).where(inNamed);
		await db.update(cards).set({ withdrawnAt: 2 }).where(and(eq(cards.meetingId, s.anonymous), like(cards.text, '%extra bestuurslaag%')));
		expect(hits(await searchCards(db, s.owner, { q: 'bestuurslaag' }))).toEqual([]);
		// The fixture merges "Gaat het geld nog wel naar de student?" into another card.
		expect(hits(await searchCards(db, s.owner, { q: 'nog wel naar' }))).toEqual([]);
		expect(hits(await searchCards(db, s.owner, { q: 'Volgt het geld' })).length).toBe(2);
	});
});
