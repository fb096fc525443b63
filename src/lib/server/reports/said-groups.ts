import { groupAnswers, normaliseAnswer } from '../themes/group-answers.ts';
import type { Comment, QuestionResult } from '../../realtime/poll-results.ts';

// What people wrote in their own words (open answers, explanations), grouped for a report: identical
// answers once with their count, near-identical ones together under the most frequent wording, and
// each distinct wording kept with who (or which meeting) wrote it.

export interface SaidVariant<W> {
	text: string;
	count: number;
	/** One entry per answer with this wording. */
	who: W[];
}

export interface SaidGroup<W> {
	/** For explanations of a choice question: the options their authors chose (all the same within a group). */
	options: string[];
	/** The most frequent wording; also `variants[0].text`. */
	text: string;
	count: number;
	/** Every distinct wording, most frequent first. */
	variants: Array<SaidVariant<W>>;
}

export interface SaidInput<W> {
	text: string;
	/** Explanations only group with others that chose the same options: "Ja: geen tijd" ≠ "Nee: geen tijd". */
	options?: string[];
	who: W;
}

/** Groups in the order their option sets first appear (a choice question's explanations follow its options). */
export function groupSaid<W>(list: ReadonlyArray<SaidInput<W>>): Array<SaidGroup<W>> {
	const buckets = new Map<string, Array<SaidInput<W>>>();
	for (const item of list) {
		const key = JSON.stringify(item.options ?? []);
		const bucket = buckets.get(key) ?? [];
		bucket.push(item);
		buckets.set(key, bucket);
	}
	return [...buckets.values()].flatMap((bucket) => {
		const options = bucket[0].options ?? [];
		// A wording's authors: every answer whose normalised text equals that wording's.
		const who = new Map<string, W[]>();
		for (const item of bucket) {
			const key = normaliseAnswer(item.text);
			who.set(key, [...(who.get(key) ?? []), item.who]);
		}
		return groupAnswers(bucket.map((item) => item.text)).map((g) => ({
			options,
			text: g.text,
			count: g.count,
			variants: g.variants.map((v) => ({ ...v, who: who.get(normaliseAnswer(v.text)) ?? [] }))
		}));
	});
}

export type Origin = Omit<Comment, 'text'>;

/** What was written with a result, one entry per answer or explanation (choice explanations with their options). */
export function saidInputs(result: QuestionResult): Array<SaidInput<Origin>> {
	const origin = ({ text, name, sector, regionId }: Comment): SaidInput<Origin> => ({ text, who: { name, sector, regionId } });
	switch (result.type) {
		case 'single':
		case 'multiple':
			return result.explanations.map((e) => ({ ...origin(e), options: e.options }));
		case 'text':
			return result.answers.map(origin);
		default:
			return result.explanations.map(origin);
	}
}

/** A question's open answers, or the explanations given with it, grouped; who wrote them as the result has it. */
export function saidOf(result: QuestionResult): Array<SaidGroup<Origin>> {
	return groupSaid(saidInputs(result));
}

/** Each name once, in the order met (names exist in named meetings only). */
export function namesOf(who: readonly Origin[]): string[] {
	return [...new Set(who.map((w) => w.name).filter((n): n is string => !!n))];
}

/** Each meeting once, in the order met: where a wording was written, in a series summary. */
export const meetingsOf = (who: readonly string[]): string[] => [...new Set(who)];

export interface SaidLine {
	/** "Ja: meer tijd (9×) — Anna, Bram" */
	line: string;
	/** The other wordings of the group, each as a line of its own. */
	variants: string[];
}

/**
 * The lines every format prints: the group's wording with the group's count (when above one) and who
 * wrote that wording; under it every other wording with its own count and writers, so each distinct
 * wording stays readable. `esc` escapes what people typed (Markdown); `whoOf` lists who wrote a wording.
 */
export function saidLines<W>(
	groups: ReadonlyArray<SaidGroup<W>>,
	words: { answerCount(n: number): string; alsoWorded: string },
	whoOf: (who: W[]) => string[],
	esc: (text: string) => string = (t) => t
): SaidLine[] {
	const line = (text: string, count: number, who: W[]) => {
		const names = whoOf(who);
		return `${text}${count > 1 ? ` ${words.answerCount(count)}` : ''}${names.length ? ` — ${names.map(esc).join(', ')}` : ''}`;
	};
	return groups.map((g) => {
		const prefix = g.options.length ? `${esc(g.options.join(', '))}: ` : '';
		const [first, ...others] = g.variants;
		return {
			line: line(`${prefix}${esc(g.text)}`, g.count, first.who),
			variants: others.map((v) => `${words.alsoWorded}: ${line(esc(v.text), v.count, v.who)}`)
		};
	});
}
