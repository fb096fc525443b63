// Splits Dutch compounds into their parts: opleidingsbudget → opleiding + budget. Dutch puts the
// meaning-bearing part last (the head): an opleidingsbudget is a budget, so the classifier weighs the head
// more than the modifiers. Parts are checked against a word list derived from OpenTaal (word-parts.ts).

/** Shortest part we accept: shorter pieces (de, in, op) turn any word into a false compound. */
export const MIN_PART = 3;

/** Linking sounds between modifier and head (opleiding-s-budget, leerling-en-raad, school-e-…). */
export const LINKERS = ['', 's', 'en', 'e', '-'] as const;

export interface CompoundSplit {
	/** The modifier parts, left to right (werkplek-begeleider → [werk, plek]). */
	modifiers: string[];
	/** The last part in its dictionary form (begeleiders → begeleider). */
	head: string;
}

/** Dictionary forms a word's last part may have: plural, genitive and double-letter spellings. */
export function baseForms(word: string): string[] {
	const forms = [word];
	if (word.endsWith("'s")) forms.push(word.slice(0, -2));
	if (word.endsWith('s') && word.length > MIN_PART + 1) forms.push(word.slice(0, -1));
	if (word.endsWith('en') && word.length > MIN_PART) {
		const stem = word.slice(0, -2);
		forms.push(stem);
		// budgetten → budget (double consonant), uren → uur and kaders → kader (vowel lengthening).
		if (stem.length > 2 && stem.at(-1) === stem.at(-2)) forms.push(stem.slice(0, -1));
		const v = stem.at(-2);
		const before = stem.at(-3);
		if (v && 'aeou'.includes(v) && (!before || !'aeiou'.includes(before))) {
			forms.push(stem.slice(0, -1) + v + stem.at(-1));
		}
	}
	if (word.endsWith('e') && word.length > MIN_PART + 1) forms.push(word.slice(0, -1));
	forms.push(...diminutiveBases(word));
	return forms;
}

/** The word a diminutive is made of: potje → pot, regeltje → regel, budgetje → budget. */
export function diminutiveBases(word: string): string[] {
	const m = /^(.{3,}?)(etjes|etje|tjes|tje|pjes|pje|jes|je)$/.exec(word);
	if (!m) return [];
	const base = m[1];
	// bedragje → bedrag; kommetje → kom (the doubled consonant of -etje).
	return base.length > 3 && base.at(-1) === base.at(-2) ? [base, base.slice(0, -1)] : [base];
}

/**
 * The split of `word` with the longest head whose parts all pass `isPart`, or null when the word is not
 * a compound of known parts. Hyphens split too (mbo-instelling). Longest head first, because a long head
 * is itself a word the dictionary knows as a unit (werkplekbegeleider), and its own split comes from recursion.
 */
export function splitCompound(
	word: string,
	isPart: (w: string) => boolean,
	depth = 0
): CompoundSplit | null {
	if (depth > 3 || word.length < 2 * MIN_PART) return null;
	for (let cut = 1; cut <= word.length - MIN_PART; cut++) {
		const rest = word.slice(cut);
		const head = baseForms(rest).find((f) => f.length >= MIN_PART && isPart(f));
		if (!head) continue;
		const modifiers = modifierParts(word.slice(0, cut), isPart, depth);
		if (modifiers) return { modifiers, head };
	}
	return null;
}

/** The left side of a split as known parts, after removing a linking sound; null when it is no word. */
function modifierParts(left: string, isPart: (w: string) => boolean, depth: number): string[] | null {
	const bares = LINKERS.filter((l) => left.endsWith(l))
		.map((l) => left.slice(0, left.length - l.length))
		.filter((bare) => bare.length >= MIN_PART);
	// A whole known word with any linker beats splitting further (bestuur-s, not bes-tuurs).
	const whole = bares.find(isPart);
	if (whole) return [whole];
	for (const bare of bares) {
		const inner = splitCompound(bare, isPart, depth + 1);
		if (inner) return [...inner.modifiers, inner.head];
	}
	return null;
}
