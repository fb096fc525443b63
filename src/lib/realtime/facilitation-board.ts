import type * as Y from 'yjs';
import { setIfChanged } from './board-doc.ts';

// The board part of the `facilitation:<meetingId>` doc: what only facilitators see of the tables.
export const FACILITATION_BOARD = {
	/** card id → Tally (every table's, also while the tables do not see them) */
	tallies: 'tallies',
	/** card id → HiddenCard */
	hiddenCards: 'hiddenCards',
	/** table id → TableFigures (the dashboard) */
	tableFigures: 'tableFigures'
} as const;

export interface Tally {
	id: string;
	tableId: string;
	votes: number;
}

export interface HiddenCard {
	id: string;
	tableId: string;
	text: string;
	authorName: string | null;
	reason: string;
	hiddenAt: number;
}

/** What the facilitator's dashboard shows per table, as SQL has it. */
export interface TableFigures {
	id: string;
	/** The table's id again: the entries of every map here are scoped by table. */
	tableId: string;
	name: string;
	phase: 'collect' | 'cluster' | 'vote' | 'discuss' | 'done';
	phaseEndsAt: number | null;
	seated: number;
	cards: number;
	votesCast: number;
	votesLeft: number;
	/** When the last card was added (null: none yet); a table quiet for a while may be stuck. */
	lastCardAt: number | null;
}

export interface FacilitationBoardView {
	tallies: Tally[];
	hiddenCards: HiddenCard[];
	tableFigures: TableFigures[];
}

export function talliesMap(doc: Y.Doc): Y.Map<Tally> {
	return doc.getMap(FACILITATION_BOARD.tallies);
}

export function hiddenCardsMap(doc: Y.Doc): Y.Map<HiddenCard> {
	return doc.getMap(FACILITATION_BOARD.hiddenCards);
}

/** Replaces the entries of the given tables (all tables of the meeting when `tableIds` is null). */
function reconcileTables<T extends { id: string; tableId: string }>(
	map: Y.Map<T>,
	truth: readonly T[],
	tableIds: ReadonlySet<string> | null
): void {
	const wanted = new Set(truth.map((t) => t.id));
	for (const [id, entry] of Array.from(map.entries())) {
		if ((tableIds === null || tableIds.has(entry.tableId)) && !wanted.has(id)) map.delete(id);
	}
	for (const entry of truth) setIfChanged(map, entry.id, entry);
}

export function reconcileFacilitationBoard(
	doc: Y.Doc,
	view: FacilitationBoardView,
	tableIds: ReadonlySet<string> | null
): void {
	reconcileTables(talliesMap(doc), view.tallies, tableIds);
	reconcileTables(hiddenCardsMap(doc), view.hiddenCards, tableIds);
	reconcileTables(tableFiguresMap(doc), view.tableFigures, tableIds);
}

export function tableFiguresMap(doc: Y.Doc): Y.Map<TableFigures> {
	return doc.getMap(FACILITATION_BOARD.tableFigures);
}
