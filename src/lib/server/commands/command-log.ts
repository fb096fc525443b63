import { eq, sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/prepared.ts';
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

export function findCommand(db: Db, commandId: string) {
	return commandById(db).get({ commandId }) ?? null;
}

/** When the command with this seq was made (null: no such command). */
export function findCommandAt(db: Db, seq: number): number | null {
	return db.select({ at: commandLog.at }).from(commandLog).where(eq(commandLog.seq, seq)).get()?.at ?? null;
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
export function recordCommand(db: Db, entry: CommandEntry): number {
	const { lastInsertRowid } = insertCommand(db).run({
		commandId: entry.commandId,
		type: entry.type,
		meetingId: entry.meetingId,
		...actorRef(entry.actor),
		payload: entry.payload,
		result: entry.result,
		at: entry.at
	});
	return Number(lastInsertRowid);
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
export function recordResult(db: Db, seq: number, result: unknown): void {
	setResult(db).run({ seq, result });
}

/** Names the meeting a creating command made, on its log entry (its history starts there). */
export function recordMeeting(db: Db, seq: number, meetingId: string): void {
	db.update(commandLog).set({ meetingId }).where(eq(commandLog.seq, seq)).run();
}
