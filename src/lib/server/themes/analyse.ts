// Reads a card against a theme model: which theme words it contains, in which role. The result does
// not depend on the board, so a board can keep it per card and re-score cheaply when context changes.
import { diminutiveBases, splitCompound, type CompoundSplit } from './compounds.ts';
import type { LexiconEntry, ThemeModel } from './model.ts';
import {
	CONDITION_SHARE,
	findFrameWord,
	opensCondition,
	QUESTION_WORDS,
	STATEMENT_HEAD_BOOST
} from './frames.ts';
import { isStopword, stemWord, tokenize, type Token } from './text.ts';
import type { MatchVia } from './types.ts';

/** A question's frame or main verb says what it asks about; it outweighs a topic noun (see frames.ts). */
export const FRAME_BOOST = 3;
/** A theme term of several content words (peer review) is specific, but it is a topic, not a frame. */
export const TERM_PHRASE_BOOST = 1.5;
/** A compound's modifier says less than its head (the opleidings- of opleidingsbudget)… */
export const MODIFIER_SHARE = 0.5;
/** …but when the head is no theme word or a weak one (inclusie-beleid), the modifier is the topic. */
export const LONE_MODIFIER_SHARE = 1;

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

	for (const p of NEUTRAL_PHRASES) {
		for (const at of findPhrase(tokens, p)) markUsed(used, at, p.words.length);
	}
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

	const asks = text.trim().endsWith('?');
	const frame = findFrameWord(model, tokens, used, asks, (t) => wordHits(model, t).hits);
	const terms = new Map<string, CardTerm>();
	let inCondition = false;
	tokens.forEach((token, i) => {
		// A condition runs to the next comma-less clause word; in short questions that is the end.
		if (i > 0 && opensCondition(tokens, i)) inCondition = true;
		if (token.stop || QUESTION_WORDS.has(token.lower)) return;
		const parts = wordHits(model, token);
		terms.set(token.stem, { stem: token.stem, word: token.surface, whole: true });
		for (const stem of parts.stems) {
			if (!terms.has(stem)) terms.set(stem, { stem, word: token.surface, whole: false });
		}
		if (used[i]) return;
		for (const hit of parts.hits) {
			if (i === frame?.at && frame.kind === 'verb') hits.push(boosted(hit, FRAME_BOOST));
			else if (i === frame?.at && hit.via !== 'modifier') hits.push(boosted(hit, STATEMENT_HEAD_BOOST));
			else if (inCondition) hits.push({ ...hit, weight: hit.weight * CONDITION_SHARE });
			else hits.push(hit);
		}
	});
	return { hits, terms: [...terms.values()] };
}

const boosted = (hit: Hit, factor: number): Hit => ({ ...hit, weight: hit.weight * factor, via: 'frame' });

/** The theme words in one token: the word itself, else its compound head and modifiers. */
export function wordHits(model: ThemeModel, token: Token): { hits: Hit[]; stems: string[] } {
	const direct = model.index.get(token.stem);
	if (direct) return { hits: toHits(direct, token.stem, token.surface, 'word', 1), stems: [token.stem] };
	for (const base of diminutiveBases(token.lower)) {
		const stem = stemWord(base);
		const entries = model.index.get(stem);
		if (entries) return { hits: toHits(entries, stem, token.surface, 'word', 1), stems: [stem] };
	}
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
	return { hits: strongestPerTheme(hits), stems };
}

/**
 * Weak parts of one word do not add up (opleidings-school is not two common words, only one), while
 * full ones do (kwaliteits-eisen: two quality words).
 */
function strongestPerTheme(hits: Hit[]): Hit[] {
	const best = new Map<string, Hit>();
	for (const hit of hits) if (hit.weight > (best.get(hit.themeId)?.weight ?? 0)) best.set(hit.themeId, hit);
	return hits.filter((hit) => best.get(hit.themeId) === hit || hit.weight >= MODIFIER_SHARE);
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
