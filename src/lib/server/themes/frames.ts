// The frame of a card: the word that says what it asks or states, read from Dutch word order rather
// than from its nouns. "Wie betaalt de uren van de werkplekbegeleiders" asks about money, whatever the
// nouns say. No part-of-speech tagger: theme words, question words and word order only.
import type { Hit } from './analyse.ts';
import type { ThemeModel } from './model.ts';
import type { Token } from './text.ts';

/** Words that open a question; the verb that follows is the question's intent. */
export const QUESTION_WORDS = new Set([
	'wie', 'wat', 'hoe', 'welke', 'welk', 'waar', 'waarom', 'wanneer', 'hoeveel', 'hoeverre',
	'waarmee', 'waarvan', 'waaruit', 'waarover', 'waardoor', 'wiens'
]);
/** Question words followed by a noun (welke regels …), not by the finite verb. */
const NOUN_QUESTION_WORDS = new Set(['welke', 'welk', 'wiens']);
/** Words that end the main clause: after them come the conditions, not the question. */
const CLAUSE_ENDS = new Set([
	'als', 'wanneer', 'zodat', 'dat', 'of', 'om', 'die', 'zonder', 'terwijl', 'omdat', 'waarbij', 'nu', 'en'
]);
/** Words that open a condition (… als de subsidie stopt): its words set the scene, not the question. */
const CONDITIONS = new Set([
	'als', 'wanneer', 'zodra', 'terwijl', 'nu', 'zonder', 'omdat', 'tenzij', 'indien', 'zolang'
]);
/**
 * Whether token i opens a condition. "als" is also "as" (als partner, als programmaleiders): it opens a
 * clause only when a determiner or pronoun follows (als de subsidie stopt, als we …).
 */
export function opensCondition(tokens: Token[], i: number): boolean {
	if (!CONDITIONS.has(tokens[i].lower)) return false;
	return tokens[i].lower !== 'als' || (tokens[i + 1]?.stop ?? false);
}

/** Whether token i starts a clause after the main one (a condition, or dat, om, die …). */
function opensClause(tokens: Token[], i: number): boolean {
	return opensCondition(tokens, i) || (tokens[i].lower !== 'als' && CLAUSE_ENDS.has(tokens[i].lower));
}

/** What a theme word in a condition still counts. */
export const CONDITION_SHARE = 0.5;
/** A subject pronoun right after a verb marks it as the finite verb (betalen we, borgen jullie). */
const SUBJECT_PRONOUNS = new Set(['we', 'wij', 'ze', 'zij', 'jullie', 'ik', 'je', 'u', 'men']);

/** A card written as a statement often opens with its topic: "Geen vergoeding voor de uren van …". */
export const STATEMENT_HEAD_BOOST = 2;
/** Prepositions that open a noun's complement: the noun before them is the head of the phrase. */
const PREPOSITIONS = new Set([
	'van', 'voor', 'per', 'na', 'naar', 'in', 'op', 'over', 'bij', 'tussen', 'door', 'binnen', 'rond', 'tegen'
]);

export interface FrameWord {
	at: number;
	/** A verb frame counts as FRAME_BOOST words, a statement's opening noun as STATEMENT_HEAD_BOOST. */
	kind: 'verb' | 'head';
}

export function findFrameWord(
	model: ThemeModel,
	tokens: Token[],
	used: boolean[],
	endsWithQuestionMark: boolean,
	hitsOf: (token: Token) => Hit[]
): FrameWord | null {
	const q = tokens.slice(0, 4).findIndex((t) => QUESTION_WORDS.has(t.lower));
	if (q >= 0) return verb(findMainVerb(model, tokens, used, q));
	if (endsWithQuestionMark) {
		const at = findYesNoVerb(model, tokens, used);
		if (at >= 0) return { at, kind: 'verb' };
	}
	if (tokens.some((t) => QUESTION_WORDS.has(t.lower))) return null;
	const head = findStatementHead(tokens, used, hitsOf);
	return head >= 0 ? { at: head, kind: 'head' } : null;
}

const verb = (at: number): FrameWord | null => (at >= 0 ? { at, kind: 'verb' } : null);

const endsClause = (tokens: Token[], i: number) =>
	i + 1 === tokens.length || opensClause(tokens, i + 1);

/**
 * The question's main verb when it is a theme word, or -1. Dutch puts the finite verb right after the
 * question word (wie betaalt, hoe borgen we) and other verb forms at the end of the clause (hoe kunnen we
 * de kwaliteit borgen); a participle or finite form (bekostigd, betaalt) is a verb wherever it stands,
 * but a word in -en elsewhere is more likely a plural noun (kleine besturen), unless a subject pronoun
 * follows it (uit welk potje betalen we). A who-question asks about an actor's role, so there the first
 * theme word of the main clause counts, verb or not (wie heeft zeggenschap, wie is eindverantwoordelijk).
 */
function findMainVerb(model: ThemeModel, tokens: Token[], used: boolean[], q: number): number {
	const who = tokens[q].lower === 'wie';
	const finiteAt = NOUN_QUESTION_WORDS.has(tokens[q].lower) ? -1 : q + 1;
	for (let i = q + 1; i < tokens.length; i++) {
		const token = tokens[i];
		if (opensClause(tokens, i) || used[i]) return -1;
		if (token.stop || !model.index.has(token.stem)) continue;
		if (who) return i;
		if (!model.verbForms.has(token.lower)) continue;
		const inverted = SUBJECT_PRONOUNS.has(tokens[i + 1]?.lower ?? '');
		if (!token.lower.endsWith('en') || i === finiteAt || inverted || endsClause(tokens, i)) return i;
	}
	return -1;
}

/**
 * A yes/no question opens with its finite verb (Betalen de instituten mee …?) and puts the rest of the
 * verb at the end of its main clause (Kunnen scholen de begeleiding nog wel betalen?).
 */
function findYesNoVerb(model: ThemeModel, tokens: Token[], used: boolean[]): number {
	if (tokens.length > 0 && !used[0] && model.verbForms.has(tokens[0].lower)) return 0;
	for (let i = 1; i < tokens.length; i++) {
		if (used[i] || opensClause(tokens, i)) return -1;
		if (endsClause(tokens, i)) return model.verbForms.has(tokens[i].lower) ? i : -1;
	}
	return -1;
}

/**
 * In a card without a question word, the noun that opens it and takes a complement ("Te weinig budget
 * voor de begeleiding …", "Hoge kosten van …") is what the card is about; its complement is detail.
 * Only a full (not weak) theme word among the first words counts; -1 when there is none.
 */
function findStatementHead(tokens: Token[], used: boolean[], hitsOf: (token: Token) => Hit[]): number {
	for (let i = 0; i < Math.min(tokens.length - 1, 5); i++) {
		const token = tokens[i];
		if (token.stop || used[i]) continue;
		if (hitsOf(token).some((h) => h.weight >= 1)) return PREPOSITIONS.has(tokens[i + 1].lower) ? i : -1;
	}
	return -1;
}
