// Dot-vote arithmetic. Pure: the vote commands and the card merge decide with these.

export type CastDenial = 'budget-spent' | 'card-cap';

export interface VoterState {
	budget: number;
	/** Dots this voter has placed at the table, on all cards. */
	used: number;
	/** At most this many of the voter's dots on one card; null: no cap. */
	perCardMax: number | null;
	/** The voter's dots on the card in question. */
	onCard: number;
}

export function checkCast(state: VoterState): CastDenial | null {
	if (state.used >= state.budget) return 'budget-spent';
	if (state.perCardMax !== null && state.onCard >= state.perCardMax) return 'card-cap';
	return null;
}

export interface MergedDots {
	/** voter → dots on the surviving card after the merge */
	kept: Map<string, number>;
	/** voter → dots given back because the merge pushed them over the per-card cap */
	returned: Map<string, number>;
}

/**
 * Moves the dots of a merged card onto the surviving one. A voter who had dots on both may end up over
 * the per-card cap: the excess goes back to them (it counts as unspent again).
 */
export function mergeDots(
	survivor: ReadonlyMap<string, number>,
	merged: ReadonlyMap<string, number>,
	perCardMax: number | null
): MergedDots {
	const kept = new Map(survivor);
	const returned = new Map<string, number>();
	for (const [voter, dots] of merged) {
		const total = (kept.get(voter) ?? 0) + dots;
		const allowed = perCardMax === null ? total : Math.min(total, perCardMax);
		kept.set(voter, allowed);
		if (total > allowed) returned.set(voter, total - allowed);
	}
	return { kept, returned };
}

/** A cluster counts as one item: the sum of its cards' dots. */
export function clusterTotal(cardVotes: Iterable<number>): number {
	let sum = 0;
	for (const v of cardVotes) sum += v;
	return sum;
}
