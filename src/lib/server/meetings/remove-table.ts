import { first } from '../db/query.ts';
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cards, participants, tables } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { refuse } from '../commands/refusals.ts';
import { runManagement } from './management-scope.ts';
import type { TableResult } from './manage-tables.ts';
import { listMeetingTables } from './queries.ts';

// A table a template brought but nobody used can go, so the report does not list it as empty.
// A table that holds a card or a person stays: removing it would lose what was said there, or leave
// someone without a table.

/** Nobody sits at the table and it never held a card (not even a withdrawn one). */
export async function tableIsUnused(db: Db, tableId: string): Promise<boolean> {
	const seated = (await first(db.select({ n: count() }).from(participants).where(eq(participants.tableId, tableId))))?.n ?? 0;
	const written = (await first(db.select({ n: count() }).from(cards).where(eq(cards.tableId, tableId))))?.n ?? 0;
	return seated === 0 && written === 0;
}

/** Removes an unused table of a meeting the actor manages; the meeting keeps at least one table. */
export async function removeTable(db: Db, actor: Actor | null, meetingId: string, tableId: string, now: number): Promise<TableResult> {
	const outcome = await runManagement(db, actor, meetingId, now, {
		type: 'table.remove',
		editing: true,
		boards: true,
		payload: { tableId },
		async run(tx) {
			const list = await listMeetingTables(tx, meetingId);
			if (!list.some((t) => t.id === tableId)) return refuse('table-not-found');
			if (list.length === 1) return refuse('last-table');
			// Checked inside the transaction: a join or a card a moment ago keeps the table.
			if (!(await tableIsUnused(tx, tableId))) return refuse('table-in-use');
			await tx.delete(tables).where(and(eq(tables.id, tableId), eq(tables.meetingId, meetingId)));
			return { ok: true, result: { tableId } };
		}
	});
	return outcome.ok ? { ok: true, tableId: outcome.result.tableId } : outcome;
}
