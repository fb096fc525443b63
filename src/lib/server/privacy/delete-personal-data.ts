import { changedRows } from '../db/query.ts';
import { first } from '../db/query.ts';
import { transaction } from '../db/transaction.ts';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
	cards,
	commandLog,
	invitations,
	meetings,
	participants,
	sessions,
	tables,
	yjsDocuments,
	yjsUpdates
} from '../db/schema.ts';
import { roomName } from '../../realtime/rooms.ts';
import { currentPollChange } from '../polls/poll-change.ts';
import type { DomainChange } from '../events.ts';
import { pseudonym } from './pseudonym.ts';
import { scrubJson } from './scrub-json.ts';

export interface DeletionReport {
	participants: number;
	invitations: number;
	sessions: number;
	cards: number;
	commands: number;
	/** Table rooms whose stored Yjs history was dropped (the hub rebuilds them from SQL). */
	rooms: string[];
	/** Scrubbed cards for rooms the hub has loaded: publish after the commit, then disconnect the meeting. */
	changes: DomainChange[];
}

export type DeletionResult = ({ ok: true } & DeletionReport) | { ok: false; reason: 'not-found' };

/**
 * Removes a meeting's personal data and keeps its answers anonymously, in one transaction:
 * invitations (names, emails, links) deleted; every participant renamed to a pseudonym ("Deelnemer 3",
 * numbered by joining order), their free-text partnership cleared and their sessions ended; card
 * authors nulled; names in the command log replaced by the pseudonyms; the table rooms' stored Yjs
 * updates deleted (generation bumped) so no name survives in doc history. Partnership (register),
 * sector and region stay: they describe organisations, and results are filtered by them.
 * Not covered: names people typed into free text (card texts, explanations).
 */
export async function deletePersonalData(db: Db, meetingId: string, now: number): Promise<DeletionResult> {
	const meeting = await first(db.select().from(meetings).where(eq(meetings.id, meetingId)));
	if (!meeting) return { ok: false, reason: 'not-found' };
	return transaction(db, async (tx): Promise<DeletionResult> => {
		const people = await tx
			.select()
			.from(participants)
			.where(eq(participants.meetingId, meetingId))
			.orderBy(asc(participants.createdAt), asc(participants.id));
		const invited = await tx.select().from(invitations).where(eq(invitations.meetingId, meetingId));
		// Every personal string we know, mapped to what replaces it in the log.
		const replacements = new Map<string, string>();
		const names = new Map(people.map((p, i) => [p.id, pseudonym(i + 1)]));
		for (const inv of invited) {
			const alias = (inv.participantId && names.get(inv.participantId)) || '[verwijderd]';
			for (const s of [inv.name, inv.email]) if (s) replacements.set(s.trim().toLowerCase(), alias);
		}
		for (const p of people) {
			replacements.set(p.displayName.trim().toLowerCase(), names.get(p.id)!);
			if (p.partnershipOther)
				replacements.set(p.partnershipOther.trim().toLowerCase(), '[verwijderd]');
		}
		for (const p of people) {
			await tx.update(participants)
				.set({ displayName: names.get(p.id)!, partnershipOther: null, invitationId: null })
				.where(eq(participants.id, p.id));
		}
		const ids = people.map((p) => p.id);
		const ended = ids.length
			? changedRows(await tx.delete(sessions).where(inArray(sessions.participantId, ids)))
			: 0;
		const removedInvitations = changedRows(await tx
			.delete(invitations)
			.where(eq(invitations.meetingId, meetingId)));
		const cardCount = changedRows(await tx
			.update(cards)
			.set({ authorName: null })
			.where(eq(cards.meetingId, meetingId)));

		let commands = 0;
		for (const entry of (await tx
			.select()
			.from(commandLog)
			.where(eq(commandLog.meetingId, meetingId)))) {
			const payload = scrubJson(entry.payload, replacements);
			const result = scrubJson(entry.result, replacements);
			if (payload.changed || result.changed) {
				await tx.update(commandLog)
					.set({ payload: payload.value, result: result.value })
					.where(eq(commandLog.seq, entry.seq));
				commands++;
			}
		}

		const tableIds = (await tx
			.select({ id: tables.id })
			.from(tables)
			.where(eq(tables.meetingId, meetingId)))
			.map((t) => t.id);
		// Every room whose stored history may hold a name: the boards, the facilitation room (named
		// ballots, hidden cards), the meeting room and each participant's own room.
		const rooms = [
			...tableIds.map((id) => roomName('table', id)),
			roomName('facilitation', meetingId),
			roomName('meeting', meetingId),
			...people.map((p) => roomName('participant', p.id))
		];
		if (rooms.length) {
			await tx.delete(yjsUpdates).where(inArray(yjsUpdates.room, rooms));
			for (const room of rooms) {
				const doc = await first(tx.select().from(yjsDocuments).where(eq(yjsDocuments.room, room)));
				if (doc)
					await tx.update(yjsDocuments)
						.set({ generation: doc.generation + 1, updatedAt: now })
						.where(eq(yjsDocuments.room, room));
			}
		}
		await tx.update(meetings).set({ personalDataDeletedAt: now }).where(eq(meetings.id, meetingId));

		const participantIds = people.map((p) => p.id);
		const changes: DomainChange[] = [
			{ type: 'board.changed', meetingId, tableIds, participantIds }
		];
		// Names leave the facilitation doc too: a fresh poll projection without them.
		const poll = await currentPollChange(tx, meetingId);
		if (poll) changes.push(poll);
		return {
			ok: true,
			participants: people.length,
			invitations: removedInvitations,
			sessions: ended,
			cards: cardCount,
			commands,
			rooms,
			changes
		};
	}, { lock: meetingId });
}
