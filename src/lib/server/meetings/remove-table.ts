import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cards, participants, tables } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { loadManageableMeeting, logManagement, type ManageDenial } from './manage-access.ts';
import { listMeetingTables } from './queries.ts';

// A table a template brought but nobody used can go, so the report does not list it as empty.
// A table that holds a card or a person stays: removing it would lose what was said there, or leave
// someone without a table.

export type RemoveTableResult =
	| { ok: true; tableId: string }
	| { ok: false; reason: ManageDenial | 'table-not-found' | 'table-in-use' | 'last-table' };

/** Nobody sits at the table and it never held a card (not even a withdrawn one). */
export function tableIsUnused(db: Db, tableId: string): boolean {
	const seated = db.select({ n: count() }).from(participants).where(eq(participants.tableId, tableId)).get()?.n ?? 0;
	const written = db.select({ n: count() }).from(cards).where(eq(cards.tableId, tableId)).get()?.n ?? 0;
	return seated === 0 && written === 0;
}

/** Removes an unused table of a meeting the actor manages; the meeting keeps at least one table. */
export function removeTable(db: Db, actor: Actor | null, meetingId: string, tableId: string, now: number): RemoveTableResult {
	const access = loadManageableMeeting(db, actor, meetingId, { editing: true });
	if (!access.ok) return access;
	if (!actor) return { ok: false, reason: 'not-allowed' };
	const list = listMeetingTables(db, meetingId);
	if (!list.some((t) => t.id === tableId)) return { ok: false, reason: 'table-not-found' };
	if (list.length === 1) return { ok: false, reason: 'last-table' };
	return db.transaction((tx) => {
		const txDb = tx as unknown as Db;
		// Checked inside the transaction: a join or a card a moment ago keeps the table.
		if (!tableIsUnused(txDb, tableId)) return { ok: false as const, reason: 'table-in-use' as const };
		tx.delete(tables).where(and(eq(tables.id, tableId), eq(tables.meetingId, meetingId))).run();
		logManagement(txDb, { actor, meetingId, type: 'table.remove', payload: { tableId }, at: now });
		return { ok: true as const, tableId };
	});
}
