import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { tables } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';
import { LIMITS } from '../../realtime/limits.ts';
import { newId } from '../ids.ts';
import { fieldErrors } from './manage-access.ts';
import { runManagement } from './management-scope.ts';
import type { CommandOutcome } from '../commands/frame.ts';
import { refuse, type Refusal } from '../commands/refusals.ts';
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

export type TableResult = { ok: true; tableId: string } | Refusal;

function toRow(o: v.InferOutput<typeof TableSchema>) {
	return {
		name: o.name,
		topic: o.topic || null,
		description: o.description || null,
		maxSize: o.maxSize ? Number(o.maxSize) : null
	};
}

/** Adds a table at the end, or (with `tableId`) changes one of the meeting's tables. */
export async function saveTable(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	tableId: string | null,
	input: unknown,
	now: number
): Promise<TableResult> {
	const parsed = v.safeParse(TableSchema, input);
	const row = parsed.success ? toRow(parsed.output) : null;
	const id = tableId ?? newId();
	return tableOutcome(
		await runManagement(db, actor, meetingId, now, {
			type: tableId ? 'table.update' : 'table.add',
			editing: true,
			boards: true,
			payload: { tableId: id, ...row },
			async run(tx) {
				if (!parsed.success || !row) return refuse('invalid', fieldErrors(parsed.issues ?? []));
				const list = await listMeetingTables(tx, meetingId);
				if (tableId && !list.some((t) => t.id === tableId)) return refuse('table-not-found');
				if (tableId) await tx.update(tables).set(row).where(eq(tables.id, tableId));
				else
					await tx.insert(tables)
						.values({
							...row,
							id,
							meetingId,
							position: list.length ? Math.max(...list.map((t) => t.position)) + 1 : 0
						});
				return { ok: true, result: { tableId: id } };
			}
		})
	);
}

export async function moveTable(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	tableId: string,
	direction: 'up' | 'down',
	now: number
): Promise<TableResult> {
	return tableOutcome(
		await runManagement(db, actor, meetingId, now, {
			type: 'table.move',
			editing: true,
			boards: true,
			payload: { tableId, direction },
			async run(tx) {
				const order = moveStep(await listMeetingTables(tx, meetingId), tableId, direction);
				if (!order) return refuse('table-not-found');
				for (const { id, position } of order)
					await tx.update(tables).set({ position }).where(eq(tables.id, id));
				return { ok: true, result: { tableId } };
			}
		})
	);
}

function tableOutcome(outcome: CommandOutcome<{ tableId: string }>): TableResult {
	return outcome.ok ? { ok: true, tableId: outcome.result.tableId } : outcome;
}
