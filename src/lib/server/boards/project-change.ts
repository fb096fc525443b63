import type * as Y from 'yjs';
import { reconcileBoard, reconcileTallies, removeCard, upsertCard, type BoardCard } from '../../realtime/board-doc.ts';
import { reconcileFacilitationBoard } from '../../realtime/facilitation-board.ts';
import { reconcileParticipant } from '../../realtime/participant-doc.ts';
import { parseRoomName, roomName } from '../../realtime/rooms.ts';
import type { Db } from '../db/client.ts';
import type { BoardChange, DomainChange } from '../events.ts';
import { loadBoardCard, loadBoardView, loadTableTallies } from './board-view.ts';
import { loadFacilitationBoard } from './facilitation-view.ts';
import { loadParticipantView } from './participant-view.ts';
import { projectPollChange, readPollRoom, reconcilePollRoom } from '../polls/project-poll-change.ts';
import { readCommitted } from '../db/transaction.ts';
import { loadPlenaryView } from '../plenary/plenary-round.ts';
import { reconcilePlenary } from '../../realtime/plenary-doc.ts';

export type DocEdit = (doc: Y.Doc) => void;
export type RoomWrite = (fn: DocEdit) => void;

export interface DocWrite {
	room: string;
	/** Reads what to write (when the room's turn comes) and writes it through `into`. */
	write(into: RoomWrite): Promise<void>;
	/** Writes that re-read SQL: a burst of them in one turn is applied once (see the hub). */
	coalesce?: string;
}

/**
 * A write that reads SQL first: committed data only, as of one moment (readCommitted), then the doc
 * edit runs synchronously with what was read. Nothing to write when `read` finds nothing.
 */
function fromSql<T>(db: Db, read: (tx: Db) => Promise<T | null | undefined>, edit: (doc: Y.Doc, value: T) => void) {
	return async (into: RoomWrite) => {
		const value = await readCommitted(db, read);
		if (value !== null && value !== undefined) into((doc) => edit(doc, value));
	};
}

function writeTable(db: Db, tableId: string) {
	return fromSql(db, (tx) => loadBoardView(tx, tableId), reconcileBoard);
}

/** Sets each card's dots on a table's board to what SQL holds, when the board shows tallies. */
function writeTallies(db: Db, tableId: string) {
	return fromSql(db, (tx) => loadTableTallies(tx, tableId), reconcileTallies);
}

/** Rewrites one card of a table's board from SQL: updated, added, or gone from the board. */
function writeCard(db: Db, tableId: string, cardId: string) {
	// undefined: not on this table (nothing to do); null: off the board.
	return fromSql(
		db,
		async (tx) => {
			const card = await loadBoardCard(tx, tableId, cardId);
			return card === undefined ? undefined : { card };
		},
		(doc, { card }) => {
			if (card === null) removeCard(doc, cardId);
			else upsertCard(doc, card);
		}
	);
}

/** Writes a card as its command built it: the change carries exactly what SQL holds after the commit. */
function writeBuiltCard(card: BoardCard) {
	return async (into: RoomWrite) => into((doc) => upsertCard(doc, card));
}

function tableWrites(db: Db, change: BoardChange, tableId: string): DocWrite[] {
	const room = roomName('table', tableId);
	if (change.talliesOnly) return [{ room, write: writeTallies(db, tableId), coalesce: `board-tallies:${tableId}` }];
	if (change.cardIds) {
		const built = new Map(change.cards?.map((card) => [card.id, card]));
		return change.cardIds.map((cardId): DocWrite => {
			const card = built.get(cardId);
			// A card the command built whole is written as it came, at once: no read to save by
			// coalescing, so it does not wait for the next batch (up to writeCoalesceMs). Safe in any order
			// with the coalesced writes around it: a new card has no earlier write, and every later write
			// of it (or of the whole board) reads SQL when its turn comes, after this one.
			if (card) return { room, write: writeBuiltCard(card) };
			return { room, write: writeCard(db, tableId, cardId), coalesce: `board-card:${tableId}:${cardId}` };
		});
	}
	return [{ room, write: writeTable(db, tableId), coalesce: `board:${tableId}` }];
}

function writeParticipant(db: Db, participantId: string) {
	return fromSql(db, (tx) => loadParticipantView(tx, participantId), reconcileParticipant);
}

function writePlenary(db: Db, meetingId: string) {
	return fromSql(db, (tx) => loadPlenaryView(tx, meetingId), reconcilePlenary);
}

function projectBoardChange(db: Db, change: BoardChange): DocWrite[] {
	const tableIds = new Set(change.tableIds);
	const plenary: DocWrite[] = change.plenary
		? [{ room: roomName('meeting', change.meetingId), write: writePlenary(db, change.meetingId), coalesce: `plenary:${change.meetingId}` }]
		: [];
	return [
		...plenary,
		// Whole rewrites, tallies-only and single-card writes coalesce apart: each re-reads SQL when it
		// runs, so whichever order they run in, the board ends as SQL has it.
		...change.tableIds.flatMap((id) => tableWrites(db, change, id)),
		...change.participantIds.map((id) => ({
			room: roomName('participant', id),
			write: writeParticipant(db, id),
			coalesce: `participant:${id}`
		})),
		{
			room: roomName('facilitation', change.meetingId),
			coalesce: `facilitation-board:${change.meetingId}:${[...tableIds].sort().join(',')}`,
			write: fromSql(
				db,
				(tx) => loadFacilitationBoard(tx, change.meetingId, change.tableIds),
				(doc, board) => reconcileFacilitationBoard(doc, board, tableIds)
			)
		}
	];
}

/**
 * Which docs a committed change touches and how: the hub runs `apply` in a server transaction, and only
 * for rooms that are loaded (the others catch up from SQL when they load).
 */
export function projectChange(db: Db, change: DomainChange): DocWrite[] {
	switch (change.type) {
		case 'board.changed':
			return projectBoardChange(db, change);
		case 'poll.changed':
			return projectPollChange(change);
	}
}

/** Brings a loading room's doc in line with SQL, repairing whatever a crash left out. */
export async function reconcileRoom(db: Db, room: string, write: RoomWrite): Promise<void> {
	const name = parseRoomName(room);
	if (!name) return;
	switch (name.kind) {
		case 'meeting': {
			const [poll, plenary] = await readCommitted(db, async (tx) => [
				await readPollRoom(tx, 'meeting', name.id),
				await loadPlenaryView(tx, name.id)
			] as const);
			return write((doc) => {
				if (poll) reconcilePollRoom(doc, poll);
				if (plenary) reconcilePlenary(doc, plenary);
			});
		}
		case 'facilitation': {
			const [poll, board] = await readCommitted(db, async (tx) => [
				await readPollRoom(tx, 'facilitation', name.id),
				await loadFacilitationBoard(tx, name.id, null)
			] as const);
			return write((doc) => {
				if (poll) reconcilePollRoom(doc, poll);
				reconcileFacilitationBoard(doc, board, null);
			});
		}
		case 'table':
			return writeTable(db, name.id)(write);
		case 'participant':
			return writeParticipant(db, name.id)(write);
	}
}
