import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/prepared.ts';
import { meetingFacilitators, meetings, tables } from '../db/schema.ts';
import type { TableFacts } from '../access/policies.ts';

// What a board command loads inside its transaction: the table's and its meeting's whole rows (the
// command decides on them) and the facts the access policies need, in one round trip. Read after the
// meeting's lock (commands/frame.ts), they are the state the command commits to; nothing reads them again.

export type TableRow = typeof tables.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

export interface BoardFacts extends TableFacts {
	table: TableRow;
	meetingRow: MeetingRow;
}

// One row per facilitator (or one with none): the facts in one round trip, in either dialect.
const tableWithMeeting = preparedQuery((db) =>
	db
		.select({ table: tables, meeting: meetings, facilitatorId: meetingFacilitators.userId })
		.from(tables)
		.innerJoin(meetings, eq(meetings.id, tables.meetingId))
		.leftJoin(meetingFacilitators, eq(meetingFacilitators.meetingId, meetings.id))
		.where(eq(tables.id, sql.placeholder('tableId')))
		.prepare()
);

/** The table, its meeting and who facilitates it; null when the table does not exist. */
export async function loadBoardFacts(db: Db, tableId: string): Promise<BoardFacts | null> {
	const rows = await tableWithMeeting(db).execute({ tableId });
	if (rows.length === 0) return null;
	const { table, meeting } = rows[0];
	const facilitatorIds = rows.flatMap((r) => (r.facilitatorId === null ? [] : [r.facilitatorId]));
	rememberMeetingOf(table.id, meeting.id);
	return {
		id: table.id,
		meeting: { id: meeting.id, status: meeting.status, createdBy: meeting.createdBy, facilitatorIds },
		table,
		meetingRow: meeting
	};
}

// The meeting of each table a command has loaded in this process: a table never changes meeting, so a
// remembered one stays true (a removed table's entry only names a meeting whose lock its command then
// takes before finding no table). Bounded: past the limit it starts over, costing one re-learn each.
const MEETING_OF_LIMIT = 50_000;
const meetingOfTable = new Map<string, string>();

function rememberMeetingOf(tableId: string, meetingId: string): void {
	if (meetingOfTable.get(tableId) === meetingId) return;
	if (meetingOfTable.size >= MEETING_OF_LIMIT) meetingOfTable.clear();
	meetingOfTable.set(tableId, meetingId);
}

/** The meeting a table belongs to, when a command here has loaded it before; else null. */
export function knownMeetingOf(tableId: string): string | null {
	return meetingOfTable.get(tableId) ?? null;
}
