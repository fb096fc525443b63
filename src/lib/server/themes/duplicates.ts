// Duplicate hints: cards at a table that say nearly the same thing, with the words they share. Only a
// hint: merging stays the existing merge command, confirmed by a person. Cards whose confident themes
// differ are never hinted, whatever their words.
import { analyseCard } from './analyse.ts';
import type { ThemeModel } from './model.ts';
import { scoreCard, type BoardContext } from './suggest.ts';

export interface DuplicateCard {
	id: string;
	text: string;
	/** The theme people placed the card in, if any. */
	themeId?: string | null;
}

export interface DuplicateGroup {
	cardIds: string[];
	/** Words (as the first card spells them) that all cards of the group use. */
	sharedWords: string[];
}

/** Weighted overlap two cards need to look alike. */
export const MIN_SIMILARITY = 0.5;
/** And at least this many shared content words: one shared word is a topic, not a duplicate. */
export const MIN_SHARED = 2;

interface Prepared {
	card: DuplicateCard;
	stems: Map<string, string>;
	theme: string | null;
}

export function findDuplicateHints(
	model: ThemeModel,
	cards: readonly DuplicateCard[],
	context: BoardContext = {}
): DuplicateGroup[] {
	const prepared: Prepared[] = cards.map((card) => {
		const analysis = analyseCard(model, card.text);
		const { suggestion } = scoreCard(model, analysis, context);
		const theme = card.themeId ?? (suggestion.kind === 'theme' ? suggestion.themeId : null);
		return { card, stems: new Map(analysis.terms.map((t) => [t.stem, t.word])), theme };
	});
	// Words used at many cards of this table say less about sameness (inverse document frequency).
	const df = new Map<string, number>();
	for (const p of prepared) for (const stem of p.stems.keys()) df.set(stem, (df.get(stem) ?? 0) + 1);
	const weights = new Map([...df].map(([stem, n]) => [stem, Math.log(1 + prepared.length / n)]));
	const weight = (stem: string) => weights.get(stem) ?? 0;

	const parent = prepared.map((_, i) => i);
	const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
	const themesOf = prepared.map((p) => new Set(p.theme ? [p.theme] : []));

	for (let i = 0; i < prepared.length; i++) {
		for (let j = i + 1; j < prepared.length; j++) {
			const a = prepared[i];
			const b = prepared[j];
			if (a.theme && b.theme && a.theme !== b.theme) continue;
			let shared = 0;
			let sharedWeight = 0;
			let unionWeight = 0;
			for (const stem of a.stems.keys()) {
				const w = weight(stem);
				unionWeight += w;
				if (b.stems.has(stem)) {
					shared++;
					sharedWeight += w;
				}
			}
			if (shared < MIN_SHARED) continue;
			for (const stem of b.stems.keys()) if (!a.stems.has(stem)) unionWeight += weight(stem);
			if (sharedWeight / unionWeight < MIN_SIMILARITY) continue;
			const ra = find(i);
			const rb = find(j);
			if (ra === rb) continue;
			// Joining two groups must not bring two confident themes together either.
			const joined = new Set([...themesOf[ra], ...themesOf[rb]]);
			if (joined.size > 1) continue;
			parent[rb] = ra;
			themesOf[ra] = joined;
		}
	}

	const groups = new Map<number, Prepared[]>();
	prepared.forEach((p, i) => {
		const root = find(i);
		groups.set(root, [...(groups.get(root) ?? []), p]);
	});
	return [...groups.values()]
		.filter((members) => members.length > 1)
		.map((members) => ({
			cardIds: members.map((m) => m.card.id),
			sharedWords: [...members[0].stems]
				.filter(([stem]) => members.every((m) => m.stems.has(stem)))
				.map(([, word]) => word)
		}));
}
