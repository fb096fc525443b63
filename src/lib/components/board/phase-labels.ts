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

/** A countdown for screen readers: "1 minuut en 1 seconde over", singular for one. */
export function spokenTimeLeft(seconds: number): string {
	return m.boardtime_left_spoken({
		minutes: m.boardtime_minutes({ count: Math.floor(seconds / 60) }),
		seconds: m.boardtime_seconds({ count: seconds % 60 })
	});
}
