import type * as Y from 'yjs';
import {
	pruneBallots,
	reconcileBallots,
	removeBallot,
	upsertBallot,
	writePollSnapshot,
	type Ballot,
	type PollSnapshot
} from '../../realtime/meeting-doc.ts';
import { roomName } from '../../realtime/rooms.ts';
import type { Db } from '../db/client.ts';
import type { PollChange } from '../events.ts';
import { listBallots, pollSnapshot } from './poll-queries.ts';
import { publicBallot } from '../privacy/public-ballot.ts';

interface DocWrite {
	room: string;
	write(into: (fn: (doc: Y.Doc) => void) => void): Promise<void>;
}

function revealedIds(snapshot: PollSnapshot): Set<string> {
	return new Set(snapshot.questions.filter((q) => q.revealed).map((q) => q.id));
}

/** What participants may hold: ballots of revealed questions, without names or segment. */
function publicBallots(snapshot: PollSnapshot, ballots: readonly Ballot[]): Ballot[] {
	const revealed = revealedIds(snapshot);
	return ballots.filter((b) => revealed.has(b.questionId)).map(publicBallot);
}

/**
 * A poll change into both docs. Never put an unrevealed question's ballot (or any name) into
 * `meeting:<id>`: participants and the projector read it.
 */
export function projectPollChange(change: PollChange): DocWrite[] {
	const { snapshot } = change;
	const questionIds = new Set(snapshot.questions.map((q) => q.id));
	const revealed = revealedIds(snapshot);
	return [
		{
			room: roomName('meeting', change.meetingId),
			write: async (into) => into((doc) => {
				writePollSnapshot(doc, snapshot);
				for (const id of change.removedBallotIds) removeBallot(doc, id);
				if (change.prune) pruneBallots(doc, (b) => revealed.has(b.questionId));
				for (const b of publicBallots(snapshot, change.ballots)) upsertBallot(doc, b);
			})
		},
		{
			room: roomName('facilitation', change.meetingId),
			write: async (into) => into((doc) => {
				writePollSnapshot(doc, snapshot);
				for (const id of change.removedBallotIds) removeBallot(doc, id);
				if (change.prune) pruneBallots(doc, (b) => questionIds.has(b.questionId));
				for (const b of change.ballots) upsertBallot(doc, b);
			})
		}
	];
}

/** What a loading `meeting:` or `facilitation:` doc's poll is rebuilt from (null: no such meeting). */
export interface PollRoomState {
	snapshot: PollSnapshot;
	ballots: Ballot[];
}

/** Reads a loading poll room's state from SQL: every ballot for staff, revealed ones without names else. */
export async function readPollRoom(db: Db, kind: 'meeting' | 'facilitation', meetingId: string): Promise<PollRoomState | null> {
	const snapshot = await pollSnapshot(db, meetingId);
	if (!snapshot) return null;
	if (kind === 'facilitation') return { snapshot, ballots: await listBallots(db, meetingId, { withNames: true }) };
	const ids = snapshot.questions.filter((q) => q.revealed).map((q) => q.id);
	const ballots = ids.length === 0 ? [] : publicBallots(snapshot, await listBallots(db, meetingId, { questionIds: ids }));
	return { snapshot, ballots };
}

/** Rebuilds a loading `meeting:` or `facilitation:` doc's poll from what readPollRoom read. */
export function reconcilePollRoom(doc: Y.Doc, state: PollRoomState): void {
	writePollSnapshot(doc, state.snapshot);
	reconcileBallots(doc, state.ballots);
}
