// Theme suggestions for one table's unsorted cards, as the board shows them: the engine (themes/) fed
// with the meeting's themes, the table's cards and what people taught this meeting (moves against a
// suggestion, read from the command log). Names never enter: suggestions are about card text only.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cards, commandLog, themes } from '../db/schema.ts';
import {
	buildThemeModel,
	countBoardStems,
	describeSuggestion,
	findDuplicateHints,
	learnFromMoves,
	suggestForBoard,
	themeInputs,
	type ReasonLabels,
	type ThemeModel,
	type ThemeMove
} from '../themes/index.ts';

export interface ShownSuggestion {
	cardId: string;
	kind: 'theme' | 'doubt' | 'none';
	/** The suggested theme (kind 'theme' only): what "accept" moves the card to. */
	themeId: string | null;
	/** The reason, in the reader's language. */
	reason: string;
	/** Some of the weight was learned in this meeting. */
	learned: boolean;
}

export interface TableSuggestions {
	suggestions: ShownSuggestion[];
	/** The confident ones, for the facilitator's "accept all". */
	confident: Array<{ cardId: string; themeId: string }>;
	/** Cards that say nearly the same thing, with the words they share: a hint, merging stays a person's call. */
	duplicates: Array<{ cardIds: string[]; sharedWords: string[] }>;
}

// Building a model indexes every theme word; a meeting's themes rarely change, so keep a few models,
// keyed by the themes' content (an edited theme makes a new key, so a stale model is never used).
const MODELS_KEPT = 32;
const models = new Map<string, ThemeModel>();

function modelFor(key: string, build: () => ThemeModel): ThemeModel {
	const found = models.get(key);
	if (found) {
		models.delete(key);
		models.set(key, found);
		return found;
	}
	const model = build();
	models.set(key, model);
	if (models.size > MODELS_KEPT) models.delete(models.keys().next().value as string);
	return model;
}

export async function meetingThemeModel(db: Db, meetingId: string): Promise<ThemeModel> {
	const rows = await db
		.select({ id: themes.id, name: themes.name, description: themes.description, words: themes.words })
		.from(themes)
		.where(eq(themes.meetingId, meetingId))
		.orderBy(asc(themes.position));
	const inputs = themeInputs(rows);
	return modelFor(JSON.stringify(inputs), () => buildThemeModel(inputs));
}

/** The types of board command whose payload says what was suggested for the card they sort. */
const MOVE_TYPES = ['card.move'];

/** The meeting's moves that carried a suggestion (or sorted a card that had none), with the card's text. */
export async function meetingMoves(db: Db, meetingId: string): Promise<ThemeMove[]> {
	const rows = await db
		.select({ payload: commandLog.payload, result: commandLog.result })
		.from(commandLog)
		.where(and(eq(commandLog.meetingId, meetingId), inArray(commandLog.type, MOVE_TYPES)));
	const wanted: Array<{ cardId: string; suggestedThemeId: string | null; chosenThemeId: string }> = [];
	for (const row of rows) {
		const payload = row.payload as { cardId?: unknown; themeId?: unknown; suggestedThemeId?: unknown };
		const result = row.result as { ok?: unknown } | null;
		if (result && result.ok === false) continue;
		// Only moves made from a suggestion's context teach: the payload names what was suggested
		// (a string) or that nothing was (null). Older moves have no such field and teach nothing.
		if (!('suggestedThemeId' in payload)) continue;
		if (typeof payload.cardId !== 'string' || typeof payload.themeId !== 'string') continue;
		const suggested = typeof payload.suggestedThemeId === 'string' ? payload.suggestedThemeId : null;
		wanted.push({ cardId: payload.cardId, suggestedThemeId: suggested, chosenThemeId: payload.themeId });
	}
	if (!wanted.length) return [];
	const texts = new Map(
		(await db
			.select({ id: cards.id, text: cards.text })
			.from(cards)
			.where(inArray(cards.id, [...new Set(wanted.map((w) => w.cardId))])))
			.map((c) => [c.id, c.text])
	);
	return wanted.flatMap((w) => {
		const text = texts.get(w.cardId);
		return text ? [{ text, suggestedThemeId: w.suggestedThemeId, chosenThemeId: w.chosenThemeId }] : [];
	});
}

/** The table's cards on the board, for board frequencies and suggestions. */
async function liveCards(db: Db, tableId: string) {
	return await db
		.select({ id: cards.id, text: cards.text, themeId: cards.themeId })
		.from(cards)
		.where(and(eq(cards.tableId, tableId), isNull(cards.withdrawnAt), isNull(cards.hiddenAt), isNull(cards.mergedIntoId)))
		.orderBy(asc(cards.orderKey));
}

/** The table's cards that would move on "accept all" now, with their theme. */
export async function confidentSuggestions(db: Db, tableId: string, meetingId: string): Promise<Array<{ cardId: string; themeId: string }>> {
	const model = await meetingThemeModel(db, meetingId);
	const learned = learnFromMoves(model, await meetingMoves(db, meetingId));
	return suggestForBoard(model, await liveCards(db, tableId), learned).confident;
}

export async function tableSuggestions(db: Db, tableId: string, meetingId: string, labels: ReasonLabels): Promise<TableSuggestions> {
	const model = await meetingThemeModel(db, meetingId);
	const names = new Map(model.themes.map((t) => [t.id, t.name]));
	const learned = learnFromMoves(model, await meetingMoves(db, meetingId));
	const board = await liveCards(db, tableId);
	const { byCard, confident } = suggestForBoard(model, board, learned);
	// The engine never groups cards whose confident themes differ (duplicates.ts).
	const duplicates = findDuplicateHints(model, board, { frequencies: countBoardStems(model, board.map((c) => c.text)), learned });
	const suggestions: ShownSuggestion[] = [];
	for (const [cardId, s] of byCard) {
		suggestions.push({
			cardId,
			kind: s.kind,
			themeId: s.kind === 'theme' ? s.themeId : null,
			reason: describeSuggestion(s, (id) => names.get(id) ?? id, labels),
			learned: s.words.some((w) => w.learned)
		});
	}
	return { suggestions, confident, duplicates };
}
