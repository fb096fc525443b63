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
	apply(doc: Y.Doc): void;
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
			apply: (doc) => {
				writePollSnapshot(doc, snapshot);
				for (const id of change.removedBallotIds) removeBallot(doc, id);
				if (change.prune) pruneBallots(doc, (b) => revealed.has(b.questionId));
				for (const b of publicBallots(snapshot, change.ballots)) upsertBallot(doc, b);
			}
		},
		{
			room: roomName('facilitation', change.meetingId),
			apply: (doc) => {
				writePollSnapshot(doc, snapshot);
				for (const id of change.removedBallotIds) removeBallot(doc, id);
				if (change.prune) pruneBallots(doc, (b) => questionIds.has(b.questionId));
				for (const b of change.ballots) upsertBallot(doc, b);
			}
		}
	];
}

/** Rebuilds a loading `meeting:` or `facilitation:` doc's poll from SQL. */
export function reconcilePollRoom(
	db: Db,
	kind: 'meeting' | 'facilitation',
	meetingId: string,
	doc: Y.Doc
): void {
	const snapshot = pollSnapshot(db, meetingId);
	if (!snapshot) return;
	writePollSnapshot(doc, snapshot);
	if (kind === 'facilitation') {
		reconcileBallots(doc, listBallots(db, meetingId, { withNames: true }));
	} else {
		const ids = snapshot.questions.filter((q) => q.revealed).map((q) => q.id);
		reconcileBallots(
			doc,
			ids.length === 0
				? []
				: publicBallots(snapshot, listBallots(db, meetingId, { questionIds: ids }))
		);
	}
}
