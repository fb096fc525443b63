import type { Db } from '../db/client.ts';
import type { Ballot } from '../../realtime/meeting-doc.ts';
import { listBallots, pollSnapshot } from './poll-queries.ts';
import { publicBallot } from '../privacy/public-ballot.ts';

/**
 * What the `meeting:<id>` doc carries, for a first render before it syncs: state, questions and
 * counts, and ballots of revealed questions only, without names or segment.
 */
export async function publicPollView(db: Db, meetingId: string) {
	const snapshot = await pollSnapshot(db, meetingId);
	if (!snapshot) return null;
	const revealed = snapshot.questions.filter((q) => q.revealed).map((q) => q.id);
	const ballots: Ballot[] =
		revealed.length === 0
			? []
			: (await listBallots(db, meetingId, { questionIds: revealed })).map(publicBallot);
	return { snapshot, ballots };
}
