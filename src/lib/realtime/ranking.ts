// "The top N" as DESIGN ranks it: a cluster counts as one item with the summed votes of its cards, an
// unclustered card as one item. Pure and shared: the dashboard, the plenary round, the projector and the
// report rank the same way.

export interface RankableCard {
	id: string;
	text: string;
	clusterId: string | null;
	votes: number | null;
}

export interface RankableCluster {
	id: string;
	name: string;
}

export interface RankedItem {
	kind: 'card' | 'cluster';
	id: string;
	/** The card's text or the cluster's name. */
	label: string;
	/** The cards it stands for (a cluster: all of its cards, most voted first). */
	cards: Array<{ id: string; text: string; votes: number }>;
	votes: number;
	/** 1 for the most votes; items with equal votes share a rank (1, 2, 2, 4). */
	rank: number;
	/** Another item has exactly as many votes. */
	tied: boolean;
}

function byVotesThenText<T extends { votes: number; label?: string; text?: string }>(a: T, b: T): number {
	return b.votes - a.votes || String(a.label ?? a.text).localeCompare(String(b.label ?? b.text), 'nl');
}

export function rankItems(cards: readonly RankableCard[], clusters: readonly RankableCluster[]): RankedItem[] {
	const names = new Map(clusters.map((c) => [c.id, c.name]));
	const grouped = new Map<string, RankedItem>();
	const items: RankedItem[] = [];
	for (const card of cards) {
		const entry = { id: card.id, text: card.text, votes: card.votes ?? 0 };
		if (card.clusterId && names.has(card.clusterId)) {
			let item = grouped.get(card.clusterId);
			if (!item) {
				item = { kind: 'cluster', id: card.clusterId, label: names.get(card.clusterId)!, cards: [], votes: 0, rank: 0, tied: false };
				grouped.set(card.clusterId, item);
				items.push(item);
			}
			item.cards.push(entry);
			item.votes += entry.votes;
		} else {
			items.push({ kind: 'card', id: card.id, label: card.text, cards: [entry], votes: entry.votes, rank: 0, tied: false });
		}
	}
	for (const item of grouped.values()) item.cards.sort(byVotesThenText);
	return ranked(items);
}

/**
 * Sorts by votes (most first, then by label) and gives each its rank: equal votes share a rank
 * (1, 2, 2, 4) and are marked tied. Also for lists from several tables, or the plenary board.
 */
export function ranked<T extends { votes: number; label: string }>(
	items: readonly T[]
): Array<T & { rank: number; tied: boolean }> {
	const sorted = [...items].sort(byVotesThenText);
	const count = new Map<number, number>();
	for (const item of sorted) count.set(item.votes, (count.get(item.votes) ?? 0) + 1);
	const out: Array<T & { rank: number; tied: boolean }> = [];
	sorted.forEach((item, i) => {
		const rank = i > 0 && sorted[i - 1].votes === item.votes ? out[i - 1].rank : i + 1;
		out.push({ ...item, rank, tied: count.get(item.votes)! > 1 });
	});
	return out;
}

/** The first `n` items, and every item tied with the last of them (a tie is shown, not cut). */
export function topItems<T extends { votes: number }>(items: readonly T[], n: number): T[] {
	if (n <= 0 || items.length === 0) return [];
	if (items.length <= n) return [...items];
	const boundary = items[n - 1].votes;
	return items.filter((item, i) => i < n || item.votes === boundary);
}
