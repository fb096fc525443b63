import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from '../helpers/test-db.ts';
import { addTable, facilitatorWithMeeting, joinAs, signIn } from '../helpers/fixtures.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { participants, tables } from '../../src/lib/server/db/schema.ts';
import { removeTable, tableIsUnused } from '../../src/lib/server/meetings/remove-table.ts';
import { runTableCommand } from '../../src/lib/server/boards/table-commands.ts';
import { createRealisticMeeting } from '../../src/lib/server/fixtures/realistic-meeting.ts';
import { buildMeetingReport } from '../../src/lib/server/reports/report-model.ts';
import { renderReportMarkdown } from '../../src/lib/server/reports/render-markdown.ts';
import { reportLabels } from '../../src/lib/i18n/report-labels.ts';

const testDb = useTestDb();
let db: Db;
beforeEach(() => {
	db = testDb();
});

const tableNames = async (meetingId: string) => (await db.select({ name: tables.name }).from(tables).where(eq(tables.meetingId, meetingId))).map((t) => t.name);

describe('removing a table', () => {
	it('takes away a table nobody used', async () => {
		const m = await facilitatorWithMeeting(db);
		const spare = await addTable(db, m.meetingId, 'Tafel 2');
		const facilitator = (await signIn(db, { userId: m.userId })).actor;
		expect(await tableIsUnused(db, spare)).toBe(true);
		expect(await removeTable(db, facilitator, m.meetingId, spare, 1)).toEqual({ ok: true, tableId: spare });
		expect(await tableNames(m.meetingId)).toEqual(['Tafel 1']);
	});

	it('keeps a table someone sits at, one with a card, and the last table', async () => {
		const m = await facilitatorWithMeeting(db);
		const facilitator = (await signIn(db, { userId: m.userId })).actor;
		const seatedAt = await addTable(db, m.meetingId, 'Tafel 2');
		const { participantId } = await joinAs(db, m.joinCode, 'Anna');
		await db.update(participants).set({ tableId: seatedAt }).where(eq(participants.id, participantId));
		expect(await removeTable(db, facilitator, m.meetingId, seatedAt, 1)).toEqual({ ok: false, reason: 'table-in-use' });

		const written = await addTable(db, m.meetingId, 'Tafel 3');
		const card = await runTableCommand(db, facilitator, written, { commandId: crypto.randomUUID(), type: 'card.add', text: 'Wie betaalt dit?' }, 1);
		expect(card).toMatchObject({ ok: true });
		expect(await removeTable(db, facilitator, m.meetingId, written, 1)).toEqual({ ok: false, reason: 'table-in-use' });

		const other = await facilitatorWithMeeting(db);
		const stranger = (await signIn(db, { userId: other.userId })).actor;
		const spare = await addTable(db, m.meetingId, 'Tafel 4');
		expect(await removeTable(db, stranger, m.meetingId, spare, 1)).toEqual({ ok: false, reason: 'not-allowed' });
		expect(await removeTable(db, facilitator, other.meetingId, other.tableId, 1)).toEqual({ ok: false, reason: 'not-allowed' });
		const own = (await signIn(db, { userId: other.userId })).actor;
		expect(await removeTable(db, own, other.meetingId, other.tableId, 1)).toEqual({ ok: false, reason: 'last-table' });
		expect((await tableNames(m.meetingId)).sort()).toEqual(['Tafel 1', 'Tafel 2', 'Tafel 3', 'Tafel 4']);
	});
});

describe('the report', () => {
	it('leaves out a table nobody sat at or wrote on, and keeps one where people sat', async () => {
		const { userId } = await facilitatorWithMeeting(db);
		const made = await createRealisticMeeting(db, userId, { now: 1 });
		await addTable(db, made.meetingId, 'Reservetafel');
		const quiet = await addTable(db, made.meetingId, 'Stille tafel');
		await db.update(participants).set({ tableId: quiet }).where(eq(participants.id, made.participantIds[0]));
		const report = (await buildMeetingReport(db, made.meetingId))!;
		const names = report.tables.map((t) => t.name);
		expect(names).not.toContain('Reservetafel');
		expect(names).toContain('Stille tafel');
		const markdown = renderReportMarkdown(report, reportLabels(), 'nl-NL');
		expect(markdown).not.toContain('Reservetafel');
	});
});
