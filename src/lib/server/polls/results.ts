import type { Db } from '../db/client.ts';
import type { Actor } from '../auth/session.ts';
import type { PollQuestionView, PollState } from '../../realtime/meeting-doc.ts';
import {
	aggregateQuestion,
	type QuestionResult,
	type ResultFilter
} from '../../realtime/poll-results.ts';
import { loadMeetingFacts } from '../access/facts.ts';
import { canManagePoll } from '../access/poll-policies.ts';
import { listBallots, pollSnapshot } from './poll-queries.ts';

export interface PollResults {
	state: PollState;
	questions: Array<{ question: PollQuestionView; answers: number; result: QuestionResult }>;
}

export type ResultsOutcome =
	{ ok: true; results: PollResults } | { ok: false; reason: 'not-found' | 'not-allowed' };

/** Every question's results, revealed or not, optionally for one sector and/or region: managers only. */
export async function getPollResults(
	db: Db,
	actor: Actor | null,
	meetingId: string,
	filter: ResultFilter = {}
): Promise<ResultsOutcome> {
	const facts = await loadMeetingFacts(db, meetingId);
	if (!facts) return { ok: false, reason: 'not-found' };
	if (!canManagePoll(actor, facts)) return { ok: false, reason: 'not-allowed' };
	const snapshot = await pollSnapshot(db, meetingId);
	if (!snapshot) return { ok: false, reason: 'not-found' };
	const ballots = await listBallots(db, meetingId, { withNames: true });
	return {
		ok: true,
		results: {
			state: snapshot.state,
			questions: snapshot.questions.map((question) => ({
				question,
				answers: snapshot.counts[question.id] ?? 0,
				result: aggregateQuestion(question, ballots, filter)
			}))
		}
	};
}
