import type * as Y from 'yjs';
import { reconcileBoard, reconcileTallies, removeCard, upsertCard } from '../../realtime/board-doc.ts';
import { reconcileFacilitationBoard } from '../../realtime/facilitation-board.ts';
import { reconcileParticipant } from '../../realtime/participant-doc.ts';
import { parseRoomName, roomName } from '../../realtime/rooms.ts';
import type { Db } from '../db/client.ts';
import type { BoardChange, DomainChange } from '../events.ts';
import { loadBoardCard, loadBoardView, loadTableTallies } from './board-view.ts';
import { loadFacilitationBoard } from './facilitation-view.ts';
import { loadParticipantView } from './participant-view.ts';
import { projectPollChange, reconcilePollRoom } from '../polls/project-poll-change.ts';
import { loadPlenaryView } from '../plenary/plenary-round.ts';
import { reconcilePlenary } from '../../realtime/plenary-doc.ts';

export interface DocWrite {
	room: string;
	apply(doc: Y.Doc): void;
	/** Writes that re-read SQL: a burst of them in one turn is applied once (see the hub). */
	coalesce?: string;
}

function writeTable(db: Db, tableId: string) {
	return (doc: Y.Doc) => {
		const view = loadBoardView(db, tableId);
		if (view) reconcileBoard(doc, view);
	};
}

/** Sets each card's dots on a table's board to what SQL holds, when the board shows tallies. */
function writeTallies(db: Db, tableId: string) {
	return (doc: Y.Doc) => {
		const tallies = loadTableTallies(db, tableId);
		if (tallies) reconcileTallies(doc, tallies);
	};
}

/** Rewrites one card of a table's board from SQL: updated, added, or gone from the board. */
function writeCard(db: Db, tableId: string, cardId: string) {
	return (doc: Y.Doc) => {
		const card = loadBoardCard(db, tableId, cardId);
		if (card === undefined) return;
		if (card === null) removeCard(doc, cardId);
		else upsertCard(doc, card);
	};
}

function tableWrites(db: Db, change: BoardChange, tableId: string): DocWrite[] {
	const room = roomName('table', tableId);
	if (change.talliesOnly) return [{ room, apply: writeTallies(db, tableId), coalesce: `board-tallies:${tableId}` }];
	if (change.cardIds) {
		return change.cardIds.map((cardId) => ({
			room,
			apply: writeCard(db, tableId, cardId),
			coalesce: `board-card:${tableId}:${cardId}`
		}));
	}
	return [{ room, apply: writeTable(db, tableId), coalesce: `board:${tableId}` }];
}

function writeParticipant(db: Db, participantId: string) {
	return (doc: Y.Doc) => {
		const view = loadParticipantView(db, participantId);
		if (view) reconcileParticipant(doc, view);
	};
}

function writePlenary(db: Db, meetingId: string) {
	return (doc: Y.Doc) => {
		const view = loadPlenaryView(db, meetingId);
		if (view) reconcilePlenary(doc, view);
	};
}

function projectBoardChange(db: Db, change: BoardChange): DocWrite[] {
	const tableIds = new Set(change.tableIds);
	const plenary: DocWrite[] = change.plenary
		? [{ room: roomName('meeting', change.meetingId), apply: writePlenary(db, change.meetingId), coalesce: `plenary:${change.meetingId}` }]
		: [];
	return [
		...plenary,
		// Whole rewrites, tallies-only and single-card writes coalesce apart: each re-reads SQL when it
		// runs, so whichever order they run in, the board ends as SQL has it.
		...change.tableIds.flatMap((id) => tableWrites(db, change, id)),
		...change.participantIds.map((id) => ({
			room: roomName('participant', id),
			apply: writeParticipant(db, id),
			coalesce: `participant:${id}`
		})),
		{
			room: roomName('facilitation', change.meetingId),
			coalesce: `facilitation-board:${change.meetingId}:${[...tableIds].sort().join(',')}`,
			apply: (doc: Y.Doc) =>
				reconcileFacilitationBoard(
					doc,
					loadFacilitationBoard(db, change.meetingId, change.tableIds),
					tableIds
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
export function reconcileRoom(db: Db, room: string, write: (fn: (doc: Y.Doc) => void) => void): void {
	const name = parseRoomName(room);
	if (!name) return;
	switch (name.kind) {
		case 'meeting':
			return write((doc) => {
				reconcilePollRoom(db, 'meeting', name.id, doc);
				writePlenary(db, name.id)(doc);
			});
		case 'facilitation':
			return write((doc) => {
				reconcilePollRoom(db, 'facilitation', name.id, doc);
				reconcileFacilitationBoard(doc, loadFacilitationBoard(db, name.id, null), null);
			});
		case 'table':
			return write(writeTable(db, name.id));
		case 'participant':
			return write(writeParticipant(db, name.id));
	}
}
