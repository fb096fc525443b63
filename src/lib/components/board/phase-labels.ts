import { m } from '$lib/paraglide/messages';
import type { Phase } from '$lib/realtime/board-doc';

const LABELS: Record<Phase, () => string> = {
	collect: () => m.boardui_phase_collect(),
	cluster: () => m.boardui_phase_cluster(),
	vote: () => m.boardui_phase_vote(),
	discuss: () => m.boardui_phase_discuss(),
	done: () => m.boardui_phase_done()
};

export function phaseLabel(phase: Phase): string {
	return LABELS[phase]();
}
