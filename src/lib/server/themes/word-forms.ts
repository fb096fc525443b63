// Dutch verb forms for a lexicon word. Snowball leaves conjugations apart (betalen → betal, betaalt →
// betaalt, betaald → betaald), so a lexicon that says "betalen" must also know betaal, betaalt, betaald.
// Regular verbs only; that is what policy questions use (irregular forms can be listed as words).

const VOWELS = 'aeiouy';
/** Consonants of 't kofschip': after them the past tense takes -t(e), otherwise -d(e). */
const VOICELESS = 'tkfsxp';

/** The verb stem as written in the present singular: betalen → betaal, beslissen → beslis, kiezen → kies. */
export function verbStem(infinitive: string): string | null {
	if (!infinitive.endsWith('en') || infinitive.length < 5 || infinitive.includes(' ')) return null;
	let stem = infinitive.slice(0, -2);
	const last = stem.at(-1)!;
	if (VOWELS.includes(last)) return null; // e.g. "financiën" is not a verb
	if (stem.at(-2) === last) {
		stem = stem.slice(0, -1); // beslissen → beslis
	} else {
		const v = stem.at(-2)!;
		const before = stem.at(-3) ?? '';
		// Open syllable: the long vowel is written double when the syllable closes (betalen → betaal).
		if ('aeou'.includes(v) && !VOWELS.includes(before)) stem = stem.slice(0, -1) + v + last;
	}
	if (stem.endsWith('z')) stem = stem.slice(0, -1) + 's';
	if (stem.endsWith('v')) stem = stem.slice(0, -1) + 'f';
	return stem;
}

const UNSTRESSED_PREFIXES = ['be', 'ge', 'her', 'ont', 'ver', 'er'];

/** The inflected adjective of a word ending in a doubled vowel: financieel → financiele (financiële). */
function adjectiveForm(term: string): string | null {
	const m = /([aeou])\1([^aeiou\s])$/.exec(term);
	return m ? term.slice(0, -3) + m[1] + m[2] + 'e' : null;
}

/** The regular forms of a verb, infinitive included; the word and its inflected adjective otherwise. */
export function wordForms(term: string): string[] {
	const stem = verbStem(term);
	if (!stem) {
		const adjective = adjectiveForm(term);
		return adjective ? [term, adjective] : [term];
	}
	const forms = formsFromStem(term, stem);
	// An unstressed e is not lengthened (rekenen → reken, not rekeen); spelling alone cannot tell it
	// from verdelen → verdeel, so both stems give forms. A form that is no Dutch word never matches.
	const plain = term.slice(0, -2);
	if (stem.length > plain.length && !plain.endsWith(plain.at(-1)!.repeat(2))) {
		forms.push(...formsFromStem(term, plain).filter((f) => !forms.includes(f)));
	}
	return forms;
}

function formsFromStem(term: string, stem: string): string[] {
	const infinitiveStem = term.slice(0, -2);
	const voiceless = VOICELESS.includes(infinitiveStem.at(-1)!) || infinitiveStem.endsWith('ch');
	const dental = voiceless ? 't' : 'd';
	const participle =
		(UNSTRESSED_PREFIXES.some((p) => term.startsWith(p)) ? '' : 'ge') +
		stem +
		(stem.endsWith('t') || stem.endsWith('d') ? '' : dental);
	return [term, stem, stem.endsWith('t') ? stem : stem + 't', participle, stem + dental + 'e', stem + dental + 'en'];
}
