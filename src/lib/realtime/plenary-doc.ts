import type * as Y from 'yjs';
import { reconcileMap, setIfChanged } from './board-doc.ts';

// The plenary part of the `meeting:<id>` doc: the tables' top items the whole room votes on again.
// Only the server writes it. Votes are public: the projector shows the ranking live.
export const PLENARY_DOC = {
	/** key `state` → PlenaryState */
	plenary: 'plenary',
	/** item id → PlenaryItemView */
	items: 'plenaryItems'
} as const;

export type PlenaryPhase = 'off' | 'cluster' | 'vote' | 'done';

export interface PlenaryState {
	phase: PlenaryPhase;
	budget: number;
}

export interface PlenaryItemView {
	id: string;
	label: string;
	tableName: string | null;
	cards: Array<{ text: string; votes: number }>;
	tableVotes: number;
	tableRank: number;
	/** Items grouped under this one in the plenary (their votes count here). */
	merged: Array<{ label: string; tableName: string | null }>;
	votes: number;
	orderKey: string;
}

export interface PlenaryView {
	state: PlenaryState;
	items: PlenaryItemView[];
}

const STATE_KEY = 'state';

export function plenaryState(doc: Y.Doc): PlenaryState | null {
	return (doc.getMap<PlenaryState>(PLENARY_DOC.plenary).get(STATE_KEY) as PlenaryState | undefined) ?? null;
}

export function plenaryItemsMap(doc: Y.Doc): Y.Map<PlenaryItemView> {
	return doc.getMap(PLENARY_DOC.items);
}

export function reconcilePlenary(doc: Y.Doc, view: PlenaryView): void {
	setIfChanged(doc.getMap<PlenaryState>(PLENARY_DOC.plenary), STATE_KEY, view.state);
	reconcileMap(plenaryItemsMap(doc), view.items);
}
