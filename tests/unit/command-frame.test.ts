import { first } from '../../src/lib/server/db/query.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import type { Actor } from '../../src/lib/server/auth/session.ts';
import { cards, commandLog, meetings } from '../../src/lib/server/db/schema.ts';
import {
	limitCommandsPerPerson,
	parseWith,
	runCommand,
	type AfterCommit,
	type CommandScope
} from '../../src/lib/server/commands/frame.ts';
import { refuse } from '../../src/lib/server/commands/refusals.ts';
import { TokenBucket } from '../../src/lib/server/auth/rate-limit.ts';
import type { BoardChange, DomainChange } from '../../src/lib/server/events.ts';
import * as v from 'valibot';
import { createMeetingFromTemplate } from '../../src/lib/server/templates/create-from-template.ts';
import { duplicateMeeting } from '../../src/lib/server/meetings/duplicate-meeting.ts';

// The frame's order, seen from its after-commit side (the hub seam and the metrics, as one port): only
// what committed is published, counted and followed by its effects; a refusal anywhere leaves the
// database, the log and the after-commit side untouched; a replay answers without running again.

const testDb = useTestDb();
let db: Db;
let heard: string[];
let after: AfterCommit;
let actor: Actor;
let meetingId: string;
let tableId: string;
let n = 0;

beforeEach(async () => {
	db = testDb();
	heard = [];
	after = {
		publish: (change) => heard.push(`publish ${change.type}`),
		disconnect: (filter) => heard.push(`close ${JSON.stringify(filter)}`),
		resetRooms: (rooms) => heard.push(`reset ${rooms.join(',')}`),
		count: (type) => heard.push(`count ${type}`)
	};
	const m = await facilitatorWithMeeting(db);
	meetingId = m.meetingId;
	tableId = m.tableId;
	actor = (await signIn(db, { participantId: (await joinAs(db, m.joinCode, 'Anna')).participantId })).actor;
});

const id = () => `frame-${String(++n).padStart(8, '0')}`;

/** A small scope: writes a card, then refuses when the text asks it to (after its write). */
function scope(overrides: Partial<CommandScope<{ open: boolean }, { text: string }, { cardId: string }, DomainChange>> = {}) {
	const base: CommandScope<{ open: boolean }, { text: string }, { cardId: string }, DomainChange> = {
		type: 'test.card',
		parse: parseWith(v.object({ commandId: v.string(), text: v.pipe(v.string(), v.nonEmpty('text-required')) })),
		async load(db) {
			const meeting = await first(db.select().from(meetings).where(eq(meetings.id, meetingId)));
			return meeting ? { ok: true, facts: { open: meeting.status === 'open' }, meetingId } : refuse('not-found');
		},
		authorize: (_actor, facts) => (facts.open ? null : 'meeting-not-active'),
		async run({ db, input, now }) {
			const cardId = `c${String(++n).padStart(19, '0')}`;
			await db.insert(cards)
				.values({ id: cardId, meetingId, tableId, text: input.text, orderKey: 'a0', createdAt: now, updatedAt: now });
			if (input.text === 'weiger') return refuse('wrong-phase');
			const change: BoardChange = { type: 'board.changed', meetingId, tableIds: [tableId], participantIds: [] };
			return { ok: true, result: { cardId }, change };
		},
		effects: () => [{ participantId: 'p', room: `table:${tableId}` }]
	};
	return { ...base, ...overrides };
}

const logged = async () => (await db.select().from(commandLog)).length;
const cardCount = async () => (await db.select().from(cards)).length;

describe('the command frame', () => {
	it('commits, then publishes, runs the effects and counts, in that order', async () => {
		const outcome = await runCommand(db, actor, { commandId: id(), text: 'Vraag' }, 1_000, scope(), after);
		expect(outcome.ok).toBe(true);
		expect(heard).toEqual([
			'publish board.changed',
			`close {"participantId":"p","room":"table:${tableId}"}`,
			'count test.card'
		]);
		expect(await logged()).toBe(1);
		expect(await cardCount()).toBe(1);
	});

	it('rolls back a command refused after it wrote: no card, no log entry, nothing published or counted', async () => {
		const outcome = await runCommand(db, actor, { commandId: id(), text: 'weiger' }, 1_000, scope(), after);
		expect(outcome).toEqual({ ok: false, reason: 'wrong-phase' });
		expect(heard).toEqual([]);
		expect(await logged()).toBe(0);
		expect(await cardCount()).toBe(0);
	});

	it('refuses before the transaction on invalid input and on authorization', async () => {
		expect(await runCommand(db, actor, { commandId: id(), text: '' }, 1_000, scope(), after)).toMatchObject({
			ok: false,
			reason: 'invalid',
			errors: { text: 'text-required' }
		});
		await db.update(meetings).set({ status: 'closed' }).where(eq(meetings.id, meetingId));
		expect(await runCommand(db, actor, { commandId: id(), text: 'Vraag' }, 1_000, scope(), after)).toEqual({
			ok: false,
			reason: 'meeting-not-active'
		});
		expect(heard).toEqual([]);
		expect(await logged()).toBe(0);
	});

	it('answers a replayed command id with the first result, running nothing again', async () => {
		const commandId = id();
		const first = await runCommand(db, actor, { commandId, text: 'Vraag' }, 1_000, scope(), after);
		heard = [];
		const again = await runCommand(db, actor, { commandId, text: 'Andere vraag' }, 2_000, scope(), after);
		expect(again).toEqual({ ok: true, result: first.ok && first.result, replayed: true, change: null });
		expect(heard).toEqual([]);
		expect(await cardCount()).toBe(1);
		// The same id for another command (or by another person) is taken.
		expect(await runCommand(db, actor, { commandId, text: 'Vraag' }, 3_000, scope({ type: 'test.other' }), after)).toEqual({
			ok: false,
			reason: 'command-id-taken'
		});
	});

	it('keeps a result out of the log when the scope says so (a secret is answered once, never replayed)', async () => {
		const commandId = id();
		await runCommand(db, actor, { commandId, text: 'Vraag' }, 1_000, scope({ logged: () => ({}) }), after);
		expect((await first(db.select().from(commandLog)))?.result).toEqual({});
	});

	it('files a command that makes a meeting under the meeting it made', async () => {
		const staff = (await signIn(db, { userId: (await facilitatorWithMeeting(db)).userId })).actor;
		const made = await createMeetingFromTemplate(db, staff, { title: 'Uit de sjabloon' }, 5_000);
		const copied = made.ok ? await duplicateMeeting(db, staff, made.meetingId, 'Kopie', 6_000) : made;
		expect(made.ok && copied.ok).toBe(true);
		const entries = (await db.select().from(commandLog)).map((e) => [e.type, e.meetingId]);
		expect(entries).toEqual([
			['meeting.create-from-template', made.ok && made.meetingId],
			['meeting.duplicate', copied.ok && copied.meetingId]
		]);
		// Not a participant's business: a participant cannot make one.
		expect(await createMeetingFromTemplate(db, actor, { title: 'Nee' }, 7_000)).toEqual({ ok: false, reason: 'not-allowed' });
	});

	it('limits each person across commands once the app sets a limit, with a time to retry', async () => {
		limitCommandsPerPerson(new TokenBucket(2, 60_000));
		try {
			const send = () => runCommand(db, actor, { commandId: id(), text: 'Vraag' }, 1_000, scope(), after);
			expect((await send()).ok).toBe(true);
			expect((await send()).ok).toBe(true);
			const refused = await send();
			expect(refused).toEqual({ ok: false, reason: 'too-many-attempts', retryAfter: 30 });
			expect(await logged()).toBe(2);
		} finally {
			limitCommandsPerPerson(null);
		}
	});

	it('awaits a limit that answers asynchronously (a shared store), refusing before any query', async () => {
		const asked: string[] = [];
		const slowNo = { consume: async (key: string) => (asked.push(key), false), capacity: 1, refillMs: 1_000 };
		const refused = await runCommand(db, actor, { commandId: id(), text: 'Vraag' }, 1_000, scope({ limit: slowNo }), after);
		expect(refused).toEqual({ ok: false, reason: 'too-many-attempts', retryAfter: 1 });
		expect(asked).toEqual([actor.kind === 'participant' ? `p:${actor.participant.id}` : '']);
		expect(await logged()).toBe(0);
		expect(heard).toEqual([]);
	});

	it('applies one command id sent twice at once only once: the replay lookup is inside the transaction', async () => {
		const commandId = id();
		const both = await Promise.all([
			runCommand(db, actor, { commandId, text: 'Tegelijk' }, 1_000, scope(), after),
			runCommand(db, actor, { commandId, text: 'Tegelijk' }, 1_000, scope(), after)
		]);
		expect(both.map((r) => r.ok && r.replayed)).toEqual([false, true]);
		expect(await cardCount()).toBe(1);
		expect(await logged()).toBe(1);
	});

	it('decides on facts read inside the transaction: a check passes for only one of two commands at once', async () => {
		// The first command closes what the second one checks (the meeting), both sent at once.
		const closing = scope({
			type: 'test.close',
			async run({ db, now }) {
				await db.update(meetings).set({ status: 'closed' }).where(eq(meetings.id, meetingId));
				return { ok: true, result: { cardId: String(now) }, change: null };
			}
		});
		const [closed, added] = await Promise.all([
			runCommand(db, actor, { commandId: id(), text: 'Sluit' }, 1_000, closing, after),
			runCommand(db, actor, { commandId: id(), text: 'Te laat' }, 1_000, scope(), after)
		]);
		expect(closed.ok).toBe(true);
		expect(added).toEqual({ ok: false, reason: 'meeting-not-active' });
		expect(await cardCount()).toBe(0);
	});
});
