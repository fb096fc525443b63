import { jsonTextEquals } from '../db/dialect-sql.ts';
import { mapInOrder } from '../in-order.ts';
import { first } from '../db/query.ts';
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cardVersions, cards, clusterVersions, commandLog, meetings, participants, tables, users } from '../db/schema.ts';
import { amsterdamToUtc } from '../meetings/amsterdam-time.ts';
import { findCommandAt } from '../commands/command-log.ts';

// The history page's timeline: what happened at a table, when and by whom, and which moment a clock
// time ("back to 10:42") stands for. Built from the command log and the versions each command wrote.

export interface TimelineEntry {
	seq: number;
	at: number;
	type: string;
	/** A name only in a named meeting (DESIGN: an anonymous meeting shows no names anywhere). */
	actor: { kind: 'facilitator' | 'participant'; name: string | null };
	/** What it was about: the text of the (first) card it touched, or the cluster's name. */
	subject: string | null;
	/** How many cards it changed (a restore or a merge changes several). */
	cardCount: number;
	/** phase.set: the phase it set. */
	phase: string | null;
	/** board.restore: the moment the board went back to (seq 0: before anything happened). */
	restoredTo: { seq: number; at: number | null } | null;
	/** command.undo: the type of the command it undid. */
	undoneType: string | null;
	/** A later command.undo took this one back. */
	undone: boolean;
}

type LogRow = typeof commandLog.$inferSelect;

const forTable = (tableId: string) => jsonTextEquals(commandLog.payload, 'tableId', tableId);

async function nameOf(db: Db, row: LogRow): Promise<string | null> {
	const found =
		row.actorKind === 'user'
			? await first(db.select({ name: users.name }).from(users).where(eq(users.id, row.actorId)))
			: await first(db.select({ name: participants.displayName }).from(participants).where(eq(participants.id, row.actorId)));
	return found?.name ?? null;
}

/** The table's commands, newest first (at most `limit`), ready to be shown. */
export async function buildTimeline(db: Db, tableId: string, limit = 200): Promise<TimelineEntry[]> {
	const table = await first(db.select().from(tables).where(eq(tables.id, tableId)));
	if (!table) return [];
	const meeting = (await first(db.select().from(meetings).where(eq(meetings.id, table.meetingId))))!;
	const rows = await db
		.select()
		.from(commandLog)
		.where(and(eq(commandLog.meetingId, meeting.id), forTable(tableId)))
		.orderBy(desc(commandLog.seq))
		.limit(limit);
	const seqs = rows.map((r) => r.seq);
	const cardTexts = new Map<number, string[]>();
	if (seqs.length) {
		for (const v of (await db.select().from(cardVersions).where(inArray(cardVersions.commandSeq, seqs)).orderBy(cardVersions.seq))) {
			const list = cardTexts.get(v.commandSeq) ?? [];
			list.push(String((v.data as { text?: unknown }).text ?? ''));
			cardTexts.set(v.commandSeq, list);
		}
	}
	const clusterNames = new Map<number, string>();
	if (seqs.length) {
		for (const v of (await db.select().from(clusterVersions).where(inArray(clusterVersions.commandSeq, seqs)))) {
			if (!clusterNames.has(v.commandSeq)) clusterNames.set(v.commandSeq, String((v.data as { name?: unknown }).name ?? ''));
		}
	}
	const undoneSeqs = new Set(rows.filter((r) => r.type === 'command.undo').map((r) => (r.result as { undoneSeq?: number }).undoneSeq));
	const names = new Map<string, string | null>();
	const entries: TimelineEntry[] = await mapInOrder(rows, async (row) => {
		const payload = row.payload as Record<string, unknown>;
		const result = row.result as Record<string, unknown>;
		const key = `${row.actorKind} ${row.actorId}`;
		if (!meeting.anonymous && !names.has(key)) names.set(key, await nameOf(db, row));
		const texts = cardTexts.get(row.seq) ?? [];
		return {
			seq: row.seq,
			at: row.at,
			type: row.type,
			actor: { kind: row.actorKind === 'user' ? 'facilitator' : 'participant', name: meeting.anonymous ? null : (names.get(key) ?? null) },
			subject: texts[0] ?? clusterNames.get(row.seq) ?? (await votedCardText(db, payload)) ?? null,
			cardCount: texts.length,
			phase: row.type === 'phase.set' && typeof payload.phase === 'string' ? payload.phase : null,
			restoredTo: row.type === 'board.restore' && typeof result.toSeq === 'number' ? { seq: result.toSeq, at: await findCommandAt(db, result.toSeq) } : null,
			undoneType: row.type === 'command.undo' && typeof result.undoneType === 'string' ? result.undoneType : null,
			undone: undoneSeqs.has(row.seq)
		};
	});
	// An undo of a vote writes no card version: it is about what the undone command was about.
	const bySeq = new Map(entries.map((e) => [e.seq, e]));
	for (const e of entries) {
		const undoneSeq = (rows.find((r) => r.seq === e.seq)!.result as { undoneSeq?: number }).undoneSeq;
		if (e.type === 'command.undo' && e.subject === null && undoneSeq !== undefined) e.subject = bySeq.get(undoneSeq)?.subject ?? null;
	}
	return entries;
}

/** A vote changes no card version; the card it went to names it. */
async function votedCardText(db: Db, payload: Record<string, unknown>): Promise<string | null> {
	if (typeof payload.cardId !== 'string') return null;
	return (await first(db.select({ text: cards.text }).from(cards).where(eq(cards.id, payload.cardId))))?.text ?? null;
}

/**
 * The moment of the board at instant `ms`: the seq of the table's last command at or before it, or 0
 * when nothing had happened there yet (an empty board).
 */
export async function seqAtInstant(db: Db, tableId: string, ms: number): Promise<number> {
	const table = await first(db.select().from(tables).where(eq(tables.id, tableId)));
	if (!table) return 0;
	const row = await first(db
		.select({ seq: sql<number | null>`max(${commandLog.seq})` })
		.from(commandLog)
		.where(and(eq(commandLog.meetingId, table.meetingId), forTable(tableId), lte(commandLog.at, ms))));
	return row?.seq ?? 0;
}

/**
 * "Back to 10:42" on an Amsterdam clock: the board after everything that happened up to and including
 * that minute (the timeline shows minutes, so 10:42 includes what it lists as 10:42). Null: no such time.
 */
export async function seqAtClock(db: Db, tableId: string, date: string, time: string): Promise<number | null> {
	const start = amsterdamToUtc(date, time);
	if (start === null) return null;
	return seqAtInstant(db, tableId, start + 59_999);
}

/** Whether `seq` is a moment of this table's history (0, or one of its commands). */
export async function isTableMoment(db: Db, tableId: string, seq: number): Promise<boolean> {
	if (seq === 0) return true;
	const table = await first(db.select().from(tables).where(eq(tables.id, tableId)));
	if (!table) return false;
	return !!(await first(db
		.select({ seq: commandLog.seq })
		.from(commandLog)
		.where(and(eq(commandLog.seq, seq), eq(commandLog.meetingId, table.meetingId), forTable(tableId)))));
}
