// Reads a card against a theme model: which theme words it contains, in which role. The result does
// not depend on the board, so a board can keep it per card and re-score cheaply when context changes.
import { splitCompound, type CompoundSplit } from './compounds.ts';
import type { LexiconEntry, ThemeModel } from './model.ts';
import { isStopword, stemWord, tokenize, type Token } from './text.ts';
import type { MatchVia } from './types.ts';

/** A question's frame or main verb says what it asks about; it outweighs a topic noun. */
export const FRAME_BOOST = 3;
/** A theme term of several content words (peer review) is specific, but it is a topic, not a frame. */
export const TERM_PHRASE_BOOST = 1.5;
/** A compound's modifier says less than its head (the opleidings- of opleidingsbudget)… */
export const MODIFIER_SHARE = 0.5;
/** …but when the head is no theme word or a weak one (inclusie-beleid), the modifier is the topic. */
export const LONE_MODIFIER_SHARE = 1;

/** Words that open a question; the verb that follows is the question's intent. */
const QUESTION_WORDS = new Set([
	'wie', 'wat', 'hoe', 'welke', 'welk', 'waar', 'waarom', 'wanneer', 'hoeveel', 'hoeverre',
	'waarmee', 'waarvan', 'waaruit', 'waarover', 'waardoor', 'wiens'
]);
/** Words that end the main clause: after them come the conditions, not the question. */
const CLAUSE_ENDS = new Set([
	'als', 'wanneer', 'zodat', 'dat', 'of', 'om', 'die', 'dat', 'zonder', 'terwijl', 'omdat', 'waarbij', 'nu', 'en'
]);
/** Words that open a condition (… als de subsidie stopt): its words set the scene, not the question. */
const CONDITIONS = new Set(['als', 'wanneer', 'zodra', 'terwijl', 'nu', 'zonder', 'omdat', 'tenzij', 'indien', 'zolang']);
/** What a theme word in a condition still counts. */
export const CONDITION_SHARE = 0.5;

/** A card written as a statement often opens with its topic: "Geen vergoeding voor de uren van …". */
export const STATEMENT_HEAD_BOOST = 2;
/** Prepositions that open a noun's complement: the noun before them is the head of the phrase. */
const PREPOSITIONS = new Set(['van', 'voor', 'per', 'na', 'naar', 'in', 'op', 'over', 'bij', 'tussen', 'door', 'binnen', 'rond', 'tegen']);

/** Figures of speech that look like theme words but are not (ten koste van ≠ costs). */
const NEUTRAL_PHRASES = [['ten', 'koste']].map((words) => ({ words, stems: words.map(stemWord) }));

export interface Hit {
	/** Stem used for board frequency and learning. */
	stem: string;
	word: string;
	themeId: string;
	weight: number;
	via: MatchVia;
}

export interface CardTerm {
	stem: string;
	/** The card's word it came from (for a compound part: the whole compound). */
	word: string;
	/** The stem of the whole word, not of a compound's part: what learning remembers. */
	whole: boolean;
}

export interface CardAnalysis {
	hits: Hit[];
	/** Content words of the card by stem (compound parts included), for learning and duplicate hints. */
	terms: CardTerm[];
}

export function analyseCard(model: ThemeModel, text: string): CardAnalysis {
	const tokens = tokenize(text);
	const used = new Array<boolean>(tokens.length).fill(false);
	const hits: Hit[] = [];

	for (const p of NEUTRAL_PHRASES) for (const at of findPhrase(tokens, p)) markUsed(used, at, p.words.length);
	for (const phrase of model.phrases) {
		for (const at of findPhrase(tokens, phrase)) {
			if (used.slice(at, at + phrase.words.length).some(Boolean)) continue;
			markUsed(used, at, phrase.words.length);
			const word = tokens.slice(at, at + phrase.words.length).map((t) => t.surface).join(' ');
			const stem = phrase.words.join(' ');
			// A phrase with a question word or particle (wie zit, aan tafel, draait op) is the question's
			// frame; one of content words only (peer review, doorgaande lijn) is a topic term.
			const frame = phrase.words.some((w) => isStopword(w) || QUESTION_WORDS.has(w));
			const weight = phrase.weight * (frame ? FRAME_BOOST : TERM_PHRASE_BOOST);
			hits.push({ stem, word, themeId: phrase.themeId, weight, via: frame ? 'frame' : 'word' });
		}
	}

	const mainVerbAt = findMainVerb(model, tokens, used);
	const statementHeadAt = mainVerbAt < 0 ? findStatementHead(model, tokens, used) : -1;
	const terms = new Map<string, CardTerm>();
	let inCondition = false;
	tokens.forEach((token, i) => {
		// A condition runs to the next comma-less clause word; in short questions that is the end.
		if (CONDITIONS.has(token.lower) && i > 0) inCondition = true;
		if (token.stop || QUESTION_WORDS.has(token.lower)) return;
		const parts = wordHits(model, token);
		terms.set(token.stem, { stem: token.stem, word: token.surface, whole: true });
		for (const stem of parts.stems) if (!terms.has(stem)) terms.set(stem, { stem, word: token.surface, whole: false });
		if (used[i]) return;
		for (const hit of parts.hits) {
			if (i === mainVerbAt) hits.push({ ...hit, weight: hit.weight * FRAME_BOOST, via: 'frame' });
			else if (i === statementHeadAt && hit.via !== 'modifier') {
				hits.push({ ...hit, weight: hit.weight * STATEMENT_HEAD_BOOST, via: 'frame' });
			}
			else if (inCondition) hits.push({ ...hit, weight: hit.weight * CONDITION_SHARE });
			else hits.push(hit);
		}
	});
	return { hits, terms: [...terms.values()] };
}

/** Question words followed by a noun (welke regels …), not by the finite verb. */
const NOUN_QUESTION_WORDS = new Set(['welke', 'welk', 'wiens']);

/**
 * Index of the question's main verb when it is a theme word, or -1. Dutch puts the finite verb right
 * after the question word (wie betaalt, hoe borgen we) and other verb forms at the end of the clause
 * (hoe kunnen we de kwaliteit borgen); a participle or finite form (bekostigd, betaalt) is a verb
 * wherever it stands, but a word in -en elsewhere is more likely a plural noun (kleine besturen).
 * A who-question asks about an actor's role, so there the first theme word of the main clause counts,
 * verb or not (wie heeft zeggenschap, wie is eindverantwoordelijk).
 */
function findMainVerb(model: ThemeModel, tokens: Token[], used: boolean[]): number {
	const q = tokens.slice(0, 4).findIndex((t) => QUESTION_WORDS.has(t.lower));
	if (q < 0) return -1;
	const who = tokens[q].lower === 'wie';
	const finiteAt = NOUN_QUESTION_WORDS.has(tokens[q].lower) ? -1 : q + 1;
	for (let i = q + 1; i < tokens.length; i++) {
		const token = tokens[i];
		if (CLAUSE_ENDS.has(token.lower) || used[i]) return -1;
		const entries = model.index.get(token.stem);
		if (!entries || token.stop) continue;
		if (who) return i;
		if (!model.verbForms.has(token.lower)) continue;
		const clauseEnd = i + 1 === tokens.length || CLAUSE_ENDS.has(tokens[i + 1].lower) || CONDITIONS.has(tokens[i + 1].lower);
		if (!token.lower.endsWith('en') || i === finiteAt || clauseEnd) return i;
	}
	return -1;
}

/**
 * In a card without a question word, the noun that opens it and takes a complement ("Te weinig budget
 * voor de begeleiding …", "Hoge kosten van …") is what the card is about; its complement is detail.
 * Only a full (not weak) theme word among the first words counts; -1 when there is none.
 */
function findStatementHead(model: ThemeModel, tokens: Token[], used: boolean[]): number {
	if (tokens.some((t) => QUESTION_WORDS.has(t.lower))) return -1;
	for (let i = 0; i < Math.min(tokens.length - 1, 5); i++) {
		const token = tokens[i];
		if (token.stop || used[i]) continue;
		const strong = wordHits(model, token).hits.some((h) => h.weight >= 1);
		if (strong) return PREPOSITIONS.has(tokens[i + 1].lower) ? i : -1;
	}
	return -1;
}

/** The theme words in one token: the word itself, else its compound head and modifiers. */
function wordHits(model: ThemeModel, token: Token): { hits: Hit[]; stems: string[] } {
	const direct = model.index.get(token.stem);
	if (direct) return { hits: toHits(direct, token.stem, token.surface, 'word', 1), stems: [token.stem] };
	let split = splitToken(model, token.lower);
	if (!split) return { hits: [], stems: [token.stem] };
	// A head that is no theme word may itself be a compound whose head is (regio-bestuurs-tafel).
	for (let depth = 0; depth < 2 && !model.index.has(stemWord(split.head)); depth++) {
		const inner = splitToken(model, split.head);
		if (!inner) break;
		split = { modifiers: [...split.modifiers, ...inner.modifiers], head: inner.head };
	}
	const headStem = stemWord(split.head);
	const hits = toHits(model.index.get(headStem) ?? [], headStem, token.surface, 'head', 1);
	const stems = [headStem];
	// A weak head (kwaliteits-afspraken, bestuurs-structuur) is generic: the modifier names the topic.
	const share = hits.some((h) => h.weight >= 1) ? MODIFIER_SHARE : LONE_MODIFIER_SHARE;
	for (const modifier of split.modifiers) {
		const stem = stemWord(modifier);
		stems.push(stem);
		hits.push(...toHits(model.index.get(stem) ?? [], stem, token.surface, 'modifier', share));
	}
	return { hits, stems };
}

/** Splitting tries many cuts; a board repeats its words, so splits are remembered per model. */
const SPLIT_CACHE_MAX = 20_000;

function splitToken(model: ThemeModel, lower: string): CompoundSplit | null {
	let split = model.splits.get(lower);
	if (split === undefined) {
		split = splitFresh(model, lower);
		if (model.splits.size >= SPLIT_CACHE_MAX) model.splits.clear();
		model.splits.set(lower, split);
	}
	return split;
}

function splitFresh(model: ThemeModel, lower: string): CompoundSplit | null {
	if (lower.includes('-')) {
		// A written hyphen is the author's own split (mbo-instelling); its last part is the head.
		const pieces = lower.split('-').filter((p) => p.length > 1);
		if (pieces.length < 2) return null;
		return { modifiers: pieces.slice(0, -1), head: pieces.at(-1)! };
	}
	return splitCompound(lower, model.isPart);
}

function toHits(entries: LexiconEntry[], stem: string, word: string, via: MatchVia, share: number): Hit[] {
	return entries.map((e) => ({ stem, word, themeId: e.themeId, weight: e.weight * share, via }));
}

function findPhrase(tokens: Token[], { words, stems }: { words: string[]; stems: string[] }): number[] {
	const found: number[] = [];
	for (let i = 0; i + words.length <= tokens.length; i++) {
		if (words.every((w, k) => tokens[i + k].lower === w || tokens[i + k].stem === stems[k])) found.push(i);
	}
	return found;
}

function markUsed(used: boolean[], at: number, length: number) {
	for (let k = at; k < at + length; k++) used[k] = true;
}
