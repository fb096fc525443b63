import { eq } from 'drizzle-orm';
import { roomName } from '../../realtime/rooms.ts';
import type { Db } from '../db/client.ts';
import { tables } from '../db/schema.ts';
import type { BoardChange } from '../events.ts';
import { disconnectLive } from '../realtime-seam.ts';
import type { Move } from './meeting-board-commands.ts';

/**
 * Sockets follow permissions: people moved to another table leave the old table's room (they open
 * the new one when their page follows them there). For the endpoint and the form action alike.
 */
export function closeOldTables(result: unknown): void {
	const moves = (result as { moves?: Move[] } | null)?.moves ?? [];
	const single = result as Partial<Move> | null;
	const all = single?.participantId && single.to ? [...moves, single as Move] : moves;
	for (const move of all) {
		if (move.from && move.from !== move.to) disconnectLive({ participantId: move.participantId, room: roomName('table', move.from) });
	}
}

/** Every board of a meeting, to rewrite after its themes or tables changed on the meeting page. */
export function allBoardsOf(db: Db, meetingId: string): BoardChange {
	const tableIds = db.select({ id: tables.id }).from(tables).where(eq(tables.meetingId, meetingId)).all().map((t) => t.id);
	return { type: 'board.changed', meetingId, tableIds, participantIds: [] };
}
