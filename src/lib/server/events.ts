import type { Ballot, PollSnapshot } from '../realtime/meeting-doc.ts';
import type { BoardCard } from '../realtime/board-doc.ts';

// Changes that committed commands publish to the realtime hub, as plain data (they cross the seam
// between the SvelteKit bundle and the Node-run hub).
export type DomainChange = BoardChange | PollChange;

/**
 * Something changed on boards: the hub rewrites the named tables' docs, those participants' own docs and
 * the board part of the facilitation doc from SQL (read when written, so a burst converges on the latest).
 */
export interface BoardChange {
	type: 'board.changed';
	meetingId: string;
	tableIds: string[];
	participantIds: string[];
	/** The plenary round changed: rewrite its part of the meeting doc. */
	plenary?: boolean;
	/**
	 * Only vote tallies changed on the named tables' boards: the hub updates those in place instead of
	 * rewriting the board (the participants' own docs and the facilitation doc are rewritten as usual).
	 */
	talliesOnly?: boolean;
	/**
	 * Only these cards changed on the one named table's board (added, edited, moved, withdrawn, hidden):
	 * the hub rewrites those cards instead of the whole board.
	 */
	cardIds?: string[];
	/**
	 * The cards of `cardIds` exactly as the board shows them after the commit, when the command built
	 * them whole (a new card): the hub writes these as they are instead of reading them back from SQL.
	 */
	cards?: BoardCard[];
}

/**
 * Anything about a meeting's poll: the poll as SQL has it after the commit (small: state, questions,
 * counts) plus the ballots that changed. Ballots carry names for the facilitation doc; the projection
 * drops them and keeps unrevealed questions out of the meeting doc.
 */
export interface PollChange {
	type: 'poll.changed';
	meetingId: string;
	snapshot: PollSnapshot;
	ballots: Ballot[];
	removedBallotIds: string[];
	/** Drop ballots of questions no longer there or no longer revealed (removal, hide, reveal). */
	prune: boolean;
}

export interface ChangePublisher {
	/** Must not throw: the command is already committed when this is called. */
	publish(change: DomainChange): void;
}
