import { eq, sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/prepared.ts';
import { first } from '../db/query.ts';
import { commandLog } from '../db/schema.ts';
import type { Actor } from '../auth/session.ts';

/** A client-made command id (a UUID or similar): unique in the log, so a retry is applied once. */
export const CommandIdSchema = v.pipe(
	v.string('command-id-required'),
	v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'command-id-invalid')
);

export function actorRef(actor: Actor): { actorKind: 'user' | 'participant'; actorId: string } {
	return actor.kind === 'user'
		? { actorKind: 'user', actorId: actor.user.id }
		: { actorKind: 'participant', actorId: actor.participant.id };
}

const commandById = preparedQuery((db) =>
	db.select().from(commandLog).where(eq(commandLog.commandId, sql.placeholder('commandId'))).prepare()
);

export async function findCommand(db: Db, commandId: string) {
	return (await commandById(db).execute({ commandId }))[0] ?? null;
}

/** When the command with this seq was made (null: no such command). */
export async function findCommandAt(db: Db, seq: number): Promise<number | null> {
	return (await first(db.select({ at: commandLog.at }).from(commandLog).where(eq(commandLog.seq, seq))))?.at ?? null;
}

export interface CommandEntry {
	commandId: string;
	type: string;
	/** Null for a command that makes its meeting (it names it with `recordMeeting` once made). */
	meetingId: string | null;
	actor: Actor;
	payload: unknown;
	result: unknown;
	at: number;
}

/**
 * Appends to the log and returns the entry's seq; call inside the transaction that makes the change.
 * Metrics are counted by whoever knows the transaction committed (the command frame), not here.
 */
export async function recordCommand(db: Db, entry: CommandEntry): Promise<number> {
	const [row] = await insertCommand(db).execute({
		commandId: entry.commandId,
		type: entry.type,
		meetingId: entry.meetingId,
		...actorRef(entry.actor),
		payload: entry.payload,
		result: entry.result,
		at: entry.at
	});
	return row!.seq;
}

const insertCommand = preparedQuery((db) =>
	db
		.insert(commandLog)
		.values({
			commandId: sql.placeholder('commandId'),
			type: sql.placeholder('type'),
			meetingId: sql.placeholder('meetingId'),
			actorKind: sql.placeholder('actorKind'),
			actorId: sql.placeholder('actorId'),
			payload: sql.placeholder('payload'),
			result: sql.placeholder('result'),
			at: sql.placeholder('at')
		})
		.returning({ seq: commandLog.seq })
		.prepare()
);

const setResult = preparedQuery((db) =>
	db
		.update(commandLog)
		.set({ result: sql.placeholder('result') })
		.where(eq(commandLog.seq, sql.placeholder('seq')))
		.prepare()
);

/** Stores the result of the command logged as `seq` (what a replay of its command id answers). */
export async function recordResult(db: Db, seq: number, result: unknown): Promise<void> {
	await setResult(db).execute({ seq, result });
}

/** Names the meeting a creating command made, on its log entry (its history starts there). */
export async function recordMeeting(db: Db, seq: number, meetingId: string): Promise<void> {
	await db.update(commandLog).set({ meetingId }).where(eq(commandLog.seq, seq));
}
