import type * as Y from 'yjs';
import { reconcileMap, setIfChanged } from './board-doc.ts';

// The `participant:<id>` doc: what is one participant's alone. Only the server writes it.
export const PARTICIPANT_DOC = {
	/** key `state` → ParticipantState */
	me: 'me',
	/** card id → { id } for each live card this participant wrote (also in anonymous meetings) */
	myCards: 'myCards',
	/** card id → { id, dots } */
	myVotes: 'myVotes',
	/** notice id → Notice (the latest few) */
	notices: 'notices',
	/** plenary item id → { id, dots } */
	myPlenaryVotes: 'myPlenaryVotes'
} as const;

export interface ParticipantState {
	tableId: string | null;
	voteBudget: number;
	votesUsed: number;
	votePerCardMax: number | null;
	/** The plenary round's fresh budget and what is spent of it. */
	plenaryBudget: number;
	plenaryUsed: number;
}

export interface MyVote {
	id: string;
	dots: number;
}

export type NoticeKind = 'card-hidden' | 'votes-returned' | 'table-changed';

export interface Notice {
	id: string;
	kind: NoticeKind;
	/** Plain values for the sentence (card text, number of dots, table name). */
	payload: Record<string, string | number>;
	createdAt: number;
}

export interface ParticipantView {
	state: ParticipantState;
	myCards: string[];
	myVotes: MyVote[];
	notices: Notice[];
	myPlenaryVotes: MyVote[];
}

const STATE_KEY = 'state';

export function participantState(doc: Y.Doc): ParticipantState | null {
	return (doc.getMap<ParticipantState>(PARTICIPANT_DOC.me).get(STATE_KEY) as ParticipantState) ?? null;
}

export function myCardsMap(doc: Y.Doc): Y.Map<{ id: string }> {
	return doc.getMap(PARTICIPANT_DOC.myCards);
}

export function myVotesMap(doc: Y.Doc): Y.Map<MyVote> {
	return doc.getMap(PARTICIPANT_DOC.myVotes);
}

export function noticesMap(doc: Y.Doc): Y.Map<Notice> {
	return doc.getMap(PARTICIPANT_DOC.notices);
}

export function reconcileParticipant(doc: Y.Doc, view: ParticipantView): void {
	setIfChanged(doc.getMap<ParticipantState>(PARTICIPANT_DOC.me), STATE_KEY, view.state);
	reconcileMap(
		myCardsMap(doc),
		view.myCards.map((id) => ({ id }))
	);
	reconcileMap(myVotesMap(doc), view.myVotes);
	reconcileMap(noticesMap(doc), view.notices);
	reconcileMap(myPlenaryVotesMap(doc), view.myPlenaryVotes);
}

export function myPlenaryVotesMap(doc: Y.Doc): Y.Map<MyVote> {
	return doc.getMap(PARTICIPANT_DOC.myPlenaryVotes);
}
