import type { Phase } from './board-doc.ts';

// What each board phase allows. Pure: the commands ask, the UI asks the same question to show controls.

export type BoardAction =
	/** add a card */
	| 'add'
	/** edit or withdraw one's own card */
	| 'change-own'
	/** sort: move cards, make, rename, merge and dissolve clusters, merge duplicates */
	| 'sort'
	| 'vote'
	/** a facilitator's hand: edit any card, hide, restore, sort, add */
	| 'moderate';

export const PHASE_ORDER: readonly Phase[] = ['collect', 'cluster', 'vote', 'discuss', 'done'];

export function phaseAllows(action: BoardAction, phase: Phase, options: { lateCards: boolean }): boolean {
	if (phase === 'done') return false;
	switch (action) {
		case 'moderate':
			return true;
		case 'add':
		case 'change-own':
			return phase === 'collect' || options.lateCards;
		case 'sort':
			return phase === 'cluster';
		case 'vote':
			return phase === 'vote';
	}
}

/** Tallies reach the table live during the vote when the facilitator chose so, else once it is over. */
export function talliesVisible(phase: Phase, talliesLive: boolean): boolean {
	if (phase === 'discuss' || phase === 'done') return true;
	return phase === 'vote' && talliesLive;
}

/** The phase after this one (done stays done). */
export function nextPhase(phase: Phase): Phase {
	const i = PHASE_ORDER.indexOf(phase);
	return PHASE_ORDER[Math.min(i + 1, PHASE_ORDER.length - 1)];
}
