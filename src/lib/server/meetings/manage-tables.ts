import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { tables } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { LIMITS } from '../../realtime/limits.ts';
import { newId } from '../ids.ts';
import {
	fieldErrors,
	loadManageableMeeting,
	logManagement,
	type ManageDenial
} from './manage-access.ts';
import { listMeetingTables } from './queries.ts';
import { moveStep } from './reorder.ts';

export const TABLE_LIMITS = { topicMax: 200, descriptionMax: 1000, maxSizeMax: 500 } as const;

export const TableSchema = v.object({
	name: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.nonEmpty('table-required'),
		v.maxLength(LIMITS.tableNameMax, 'table-too-long')
	),
	topic: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.maxLength(TABLE_LIMITS.topicMax, 'topic-too-long')
	),
	description: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.maxLength(TABLE_LIMITS.descriptionMax, 'description-too-long')
	),
	maxSize: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.check(
			(s) => s === '' || (/^\d+$/.test(s) && +s >= 1 && +s <= TABLE_LIMITS.maxSizeMax),
			'max-size-invalid'
		)
	)
});

export type TableResult =
	| { ok: true; tableId: string }
	| { ok: false; reason: ManageDenial | 'table-not-found' }
	| { ok: false; reason: 'invalid'; errors: Record<string, string> };

function toRow(o: v.InferOutput<typeof TableSchema>) {
	return {
		name: o.name,
		topic: o.topic || null,
		description: o.description || null,
		maxSize: o.maxSize ? Number(o.maxSize) : null
	};
}

/** Adds a table at the end, or (with `tableId`) changes one of the meeting's tables. */
export function saveTable(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	tableId: string | null,
	input: unknown,
	now: number
): TableResult {
	const access = loadManageableMeeting(db, actor, meetingId, { editing: true });
	if (!access.ok) return access;
	if (!actor) return { ok: false, reason: 'not-allowed' };
	const parsed = v.safeParse(TableSchema, input);
	if (!parsed.success) return { ok: false, reason: 'invalid', errors: fieldErrors(parsed.issues) };
	const row = toRow(parsed.output);
	const list = listMeetingTables(db, meetingId);
	if (tableId && !list.some((t) => t.id === tableId))
		return { ok: false, reason: 'table-not-found' };
	const id = tableId ?? newId();
	db.transaction((tx) => {
		if (tableId) tx.update(tables).set(row).where(eq(tables.id, tableId)).run();
		else
			tx.insert(tables)
				.values({
					...row,
					id,
					meetingId,
					position: list.length ? Math.max(...list.map((t) => t.position)) + 1 : 0
				})
				.run();
		logManagement(tx as unknown as Db, {
			actor,
			meetingId,
			type: tableId ? 'table.update' : 'table.add',
			payload: { tableId: id, ...row },
			at: now
		});
	});
	return { ok: true, tableId: id };
}

export function moveTable(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	tableId: string,
	direction: 'up' | 'down',
	now: number
): TableResult {
	const access = loadManageableMeeting(db, actor, meetingId, { editing: true });
	if (!access.ok) return access;
	if (!actor) return { ok: false, reason: 'not-allowed' };
	const order = moveStep(listMeetingTables(db, meetingId), tableId, direction);
	if (!order) return { ok: false, reason: 'table-not-found' };
	db.transaction((tx) => {
		for (const { id, position } of order)
			tx.update(tables).set({ position }).where(eq(tables.id, id)).run();
		logManagement(tx as unknown as Db, {
			actor,
			meetingId,
			type: 'table.move',
			payload: { tableId, direction },
			at: now
		});
	});
	return { ok: true, tableId };
}
