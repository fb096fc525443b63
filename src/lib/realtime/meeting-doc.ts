import type * as Y from 'yjs';

// The poll part of the `meeting:<id>` and `facilitation:<id>` docs: one shape for both. Only the server
// writes them; clients read. The meeting doc holds ballots of REVEALED questions only (and never names);
// the facilitation doc holds every ballot. Results are computed from ballots (poll-results.ts), so one
// answer is one small doc update, however many answers a question has, and views can filter by segment.
export const MEETING_DOC = {
	/** key `state` → PollState */
	poll: 'poll',
	/** question id → PollQuestionView */
	questions: 'questions',
	/** question id → number of answers (public in both docs) */
	counts: 'counts',
	/** response id → Ballot */
	ballots: 'ballots'
} as const;

export type PollQuestionType = 'single' | 'multiple' | 'ranking' | 'scale' | 'text';
export type PollSector = 'po' | 'vo' | 'mbo';

export interface PollOption {
	id: string;
	label: string;
}

/** A question as every screen of the meeting may see it (definition plus whether it is revealed). */
export interface PollQuestionView {
	id: string;
	key: string;
	position: string;
	type: PollQuestionType;
	prompt: string;
	help: string | null;
	required: boolean;
	options: PollOption[];
	maxChoices: number | null;
	scaleMin: number | null;
	scaleMax: number | null;
	scaleMinLabel: string | null;
	scaleMaxLabel: string | null;
	allowExplanation: boolean;
	revealed: boolean;
}

export interface PollState {
	/** Answers accepted now: meeting open or live and the poll not closed early. */
	open: boolean;
	currentQuestionId: string | null;
	anonymous: boolean;
}

/** One participant's answer to one question, keyed by the response id (never the participant id). */
export interface Ballot {
	id: string;
	questionId: string;
	/** Option ids (single, multiple, ranking in rank order), a number (scale) or text. */
	value: string[] | number | string;
	explanation: string | null;
	sector: PollSector | null;
	regionId: string | null;
	/** Only in the facilitation doc of a named meeting; null everywhere else. */
	name: string | null;
}

export interface PollSnapshot {
	state: PollState;
	questions: PollQuestionView[];
	counts: Record<string, number>;
}

export function pollStateMap(doc: Y.Doc): Y.Map<PollState> {
	return doc.getMap<PollState>(MEETING_DOC.poll);
}
export function questionsMap(doc: Y.Doc): Y.Map<PollQuestionView> {
	return doc.getMap<PollQuestionView>(MEETING_DOC.questions);
}
export function countsMap(doc: Y.Doc): Y.Map<number> {
	return doc.getMap<number>(MEETING_DOC.counts);
}
export function ballotsMap(doc: Y.Doc): Y.Map<Ballot> {
	return doc.getMap<Ballot>(MEETING_DOC.ballots);
}

/** Plain JSON equality (key order as written by the server, which is stable). */
function same(a: unknown, b: unknown): boolean {
	return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** Sets `key` unless the map already holds exactly this value: unchanged values make no update. */
function upsert<T>(map: Y.Map<T>, key: string, value: T): void {
	if (!same(map.get(key), value)) map.set(key, structuredClone(value));
}

/** Writes state, questions and counts; questions and counts absent from the snapshot are removed. */
export function writePollSnapshot(doc: Y.Doc, snapshot: PollSnapshot): void {
	upsert(pollStateMap(doc), 'state', snapshot.state);
	const questions = questionsMap(doc);
	const counts = countsMap(doc);
	const ids = new Set(snapshot.questions.map((q) => q.id));
	for (const id of Array.from(questions.keys())) if (!ids.has(id)) questions.delete(id);
	for (const id of Array.from(counts.keys())) if (!ids.has(id)) counts.delete(id);
	for (const q of snapshot.questions) {
		upsert(questions, q.id, q);
		upsert(counts, q.id, snapshot.counts[q.id] ?? 0);
	}
}

export function upsertBallot(doc: Y.Doc, ballot: Ballot): void {
	upsert(ballotsMap(doc), ballot.id, ballot);
}

export function removeBallot(doc: Y.Doc, ballotId: string): void {
	const ballots = ballotsMap(doc);
	if (ballots.has(ballotId)) ballots.delete(ballotId);
}

/** Removes every ballot `keep` refuses (a question removed or hidden again). */
export function pruneBallots(doc: Y.Doc, keep: (ballot: Ballot) => boolean): void {
	const ballots = ballotsMap(doc);
	for (const [id, ballot] of Array.from(ballots.entries())) if (!keep(ballot)) ballots.delete(id);
}

/** Brings the doc's ballots in line with the given list (the SQL truth). */
export function reconcileBallots(doc: Y.Doc, truth: readonly Ballot[]): void {
	const wanted = new Set(truth.map((b) => b.id));
	pruneBallots(doc, (b) => wanted.has(b.id));
	for (const ballot of truth) upsertBallot(doc, ballot);
}

/** Questions in poll order. */
export function sortedQuestions(questions: Iterable<PollQuestionView>): PollQuestionView[] {
	return Array.from(questions).sort((a, b) =>
		a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : 1
	);
}
