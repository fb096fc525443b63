import type * as Y from 'yjs';
import { removeCard, upsertCard, reconcileCards } from '../../realtime/board-doc.ts';
import { parseRoomName, roomName } from '../../realtime/rooms.ts';
import type { Db } from '../db/client.ts';
import type { DomainChange } from '../events.ts';
import { listBoardCards } from './board-cards.ts';
import { projectPollChange, reconcilePollRoom } from '../polls/project-poll-change.ts';

export interface DocWrite {
	room: string;
	apply(doc: Y.Doc): void;
}

/** Which docs a committed change touches and how: the hub runs `apply` in a server transaction. */
export function projectChange(change: DomainChange): DocWrite[] {
	switch (change.type) {
		case 'card.upserted':
			return [{ room: roomName('table', change.tableId), apply: (doc) => upsertCard(doc, change.card) }];
		case 'card.removed':
			return [{ room: roomName('table', change.tableId), apply: (doc) => removeCard(doc, change.cardId) }];
		case 'poll.changed':
			return projectPollChange(change);
	}
}

/** Brings a loading room's doc in line with SQL, repairing whatever a crash left out. */
export function reconcileRoom(db: Db, room: string, write: (fn: (doc: Y.Doc) => void) => void): void {
	const name = parseRoomName(room);
	if (name?.kind === 'meeting' || name?.kind === 'facilitation') {
		const kind = name.kind;
		write((doc) => reconcilePollRoom(db, kind, name.id, doc));
		return;
	}
	if (name?.kind !== 'table') return;
	const truth = listBoardCards(db, name.id);
	write((doc) => reconcileCards(doc, truth));
}
