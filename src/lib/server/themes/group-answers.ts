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
/** Edit distance is quadratic: longer answers are compared by their words only. */
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

	const groups: Array<{ key: string; words: Set<string>; first: number; variants: AnswerVariant[] }> = [];
	for (const [key, entry] of byCount) {
		const words = new Set(key.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
		const home = groups.find((g) => nearlySame(g.key, g.words, key, words));
		if (home) home.variants.push({ text: entry.text, count: entry.count });
		else groups.push({ key, words, first: entry.first, variants: [{ text: entry.text, count: entry.count }] });
	}
	return groups
		.map((g) => ({ g, count: g.variants.reduce((n, v) => n + v.count, 0) }))
		.sort((a, b) => b.count - a.count || a.g.first - b.g.first)
		.map(({ g, count }) => ({ text: g.variants[0].text, count, variants: g.variants }));
}

function nearlySame(a: string, aWords: Set<string>, b: string, bWords: Set<string>): boolean {
	if (aWords.size >= MIN_WORDS && bWords.size >= MIN_WORDS) {
		let shared = 0;
		for (const w of aWords) if (bWords.has(w)) shared++;
		if (shared / (aWords.size + bWords.size - shared) >= MIN_WORD_OVERLAP) return true;
	}
	const longest = Math.max(a.length, b.length);
	if (longest > MAX_EDIT_LENGTH || Math.abs(a.length - b.length) > longest * MAX_EDIT_SHARE) return false;
	return editDistance(a, b) <= Math.floor(longest * MAX_EDIT_SHARE);
}

/** Levenshtein distance with one row of memory. */
function editDistance(a: string, b: string): number {
	let row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const next = [i];
		for (let j = 1; j <= b.length; j++) {
			next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		row = next;
	}
	return row[b.length];
}
