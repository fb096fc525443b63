import { m } from '$lib/paraglide/messages';
import type { PlenaryPhase } from '$lib/realtime/plenary-doc';

const LABELS: Record<PlenaryPhase, () => string> = {
	off: () => m.facil_plen_phase_off(),
	cluster: () => m.facil_plen_phase_cluster(),
	vote: () => m.facil_plen_phase_vote(),
	done: () => m.facil_plen_phase_done()
};

export function plenaryPhaseLabel(phase: PlenaryPhase): string {
	return LABELS[phase]();
}

/** "1", or "2 (gedeeld)" when another item has as many votes. */
export function rankLabel(item: { rank: number; tied: boolean }): string {
	return item.tied ? m.facil_rank_tied({ rank: item.rank }) : String(item.rank);
}
