import type { Db } from '../db/client.ts';
import type { PollChange } from '../events.ts';
import { listBallots, pollSnapshot } from './poll-queries.ts';

/**
 * The poll as SQL has it now, as a change to publish after a command outside the poll moved it
 * (a meeting status change opens or closes the poll; a personal-data deletion removes names).
 * Every ballot is sent again (unchanged ones write nothing) and `prune` drops what may no longer be
 * there, so a name removed from SQL leaves the facilitation doc too.
 */
export async function currentPollChange(db: Db, meetingId: string): Promise<PollChange | null> {
	const snapshot = await pollSnapshot(db, meetingId);
	if (!snapshot) return null;
	const ballots = await listBallots(db, meetingId, { withNames: true });
	return { type: 'poll.changed', meetingId, snapshot, ballots, removedBallotIds: [], prune: true };
}
