// Groups what was said for the report: identical open answers and explanations once with their count
// ("(9×)"), near-identical ones together under the most frequent wording.

export interface AnswerVariant {
	text: string;
	count: number;
}

export interface AnswerGroup {
	/** The most frequent wording (the first seen on a tie), as a person typed it. */
	text: string;
	/** All answers in the group. */
	count: number;
	/** Each distinct wording with its own count, most frequent first; the first is `text`. */
	variants: AnswerVariant[];
}

/** Two answers are near-identical when at most this share of their characters differs… */
const MAX_EDIT_SHARE = 0.15;
/** …or when they share this share of their words (both at least MIN_WORDS long). */
const MIN_WORD_OVERLAP = 0.8;
const MIN_WORDS = 4;
/** Longer answers are compared by their words only. */
const MAX_EDIT_LENGTH = 200;

/** Lower case, single spaces, no surrounding quotes or closing punctuation: "Meer tijd!" = "meer tijd". */
export function normaliseAnswer(text: string): string {
	return text
		.normalize('NFC')
		.toLowerCase()
		.replace(/[’‘]/g, "'")
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^["'“”„]+|["'“”„]+$/g, '')
		.replace(/[\s.!?,;:…]+$/u, '')
		.trim();
}

export function groupAnswers(texts: readonly string[]): AnswerGroup[] {
	// Identical answers first: one entry per normalised text, keeping the first wording seen.
	const distinct = new Map<string, { text: string; count: number; first: number }>();
	texts.forEach((raw, i) => {
		const key = normaliseAnswer(raw);
		if (!key) return;
		const seen = distinct.get(key);
		if (seen) seen.count++;
		else distinct.set(key, { text: raw.trim(), count: 1, first: i });
	});
	const byCount = [...distinct].sort(([, a], [, b]) => b.count - a.count || a.first - b.first);

	const groups: Array<Shape & { first: number; variants: AnswerVariant[] }> = [];
	for (const [key, entry] of byCount) {
		const shape = shapeOf(key);
		const home = groups.find((g) => nearlySame(g, shape));
		if (home) home.variants.push({ text: entry.text, count: entry.count });
		else groups.push({ ...shape, first: entry.first, variants: [{ text: entry.text, count: entry.count }] });
	}
	return groups
		.map((g) => ({ g, count: g.variants.reduce((n, v) => n + v.count, 0) }))
		.sort((a, b) => b.count - a.count || a.g.first - b.g.first)
		.map(({ g, count }) => ({ text: g.variants[0].text, count, variants: g.variants }));
}

/** A normalised answer with what the comparison needs, computed once per distinct answer. */
interface Shape {
	key: string;
	words: Set<string>;
	/** Characters counted into buckets: a cheap lower bound on the edit distance (see nearlySame). */
	letters: Int16Array;
}

const BUCKETS = 64;

function shapeOf(key: string): Shape {
	const letters = new Int16Array(BUCKETS);
	for (let i = 0; i < key.length; i++) letters[key.charCodeAt(i) % BUCKETS]++;
	return { key, words: new Set(key.split(/[^\p{L}\p{N}]+/u).filter(Boolean)), letters };
}

function nearlySame(a: Shape, b: Shape): boolean {
	if (a.words.size >= MIN_WORDS && b.words.size >= MIN_WORDS) {
		let shared = 0;
		for (const w of a.words) if (b.words.has(w)) shared++;
		if (shared / (a.words.size + b.words.size - shared) >= MIN_WORD_OVERLAP) return true;
	}
	const longest = Math.max(a.key.length, b.key.length);
	if (longest > MAX_EDIT_LENGTH || Math.abs(a.key.length - b.key.length) > longest * MAX_EDIT_SHARE) return false;
	const limit = Math.floor(longest * MAX_EDIT_SHARE);
	// An edit changes at most two character counts by one each, so half the difference in counts is a
	// lower bound on the distance: most different answers are told apart here, without the quadratic work.
	let apart = 0;
	for (let i = 0; i < BUCKETS; i++) apart += Math.abs(a.letters[i] - b.letters[i]);
	if (Math.ceil(apart / 2) > limit) return false;
	return withinEdits(a.key, b.key, limit);
}

/**
 * Whether the Levenshtein distance is at most `limit`. Only cells within `limit` of the diagonal can lie
 * on such a path, and once a whole row exceeds it the answer is no: linear in the length, not quadratic.
 */
function withinEdits(a: string, b: string, limit: number): boolean {
	if (Math.abs(a.length - b.length) > limit) return false;
	const over = limit + 1;
	let row = new Int32Array(b.length + 1).fill(over);
	let next = new Int32Array(b.length + 1);
	for (let j = 0; j <= Math.min(b.length, limit); j++) row[j] = j;
	for (let i = 1; i <= a.length; i++) {
		next.fill(over);
		if (i <= limit) next[0] = i;
		let best = next[0];
		for (let j = Math.max(1, i - limit); j <= Math.min(b.length, i + limit); j++) {
			const cost = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
			next[j] = Math.min(cost, over);
			if (next[j] < best) best = next[j];
		}
		if (best > limit) return false;
		[row, next] = [next, row];
	}
	return row[b.length] <= limit;
}
