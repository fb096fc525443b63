import type { Phase } from './board-doc.ts';
import type { TableFigures } from './facilitation-board.ts';
import { nextPhase, PHASE_ORDER } from './phase-rules.ts';

// What the facilitator's dashboard concludes from the figures per table. Pure: the page and its tests
// ask the same questions.

/** A table collecting without a new card for this long looks stuck. */
export const QUIET_MS = 5 * 60 * 1000;

/**
 * Whether a table looks stuck: it is collecting, someone sits there, and no card came for `quietMs`,
 * counted from its last card, or — when it has none yet — from `watchingSince` (when the dashboard
 * started watching: SQL keeps no phase start).
 */
export function looksStuck(
	figures: Pick<TableFigures, 'phase' | 'seated' | 'lastCardAt'>,
	now: number,
	watchingSince: number,
	quietMs = QUIET_MS
): boolean {
	if (figures.phase !== 'collect' || figures.seated === 0) return false;
	return now - (figures.lastCardAt ?? watchingSince) >= quietMs;
}

/** Minutes since the table's last card (null: none yet). */
export function quietMinutes(lastCardAt: number | null, now: number): number | null {
	return lastCardAt === null ? null : Math.max(0, Math.floor((now - lastCardAt) / 60000));
}

/**
 * Where "all tables on" takes the room: the phase after the one of the table furthest behind, so no
 * table skips a phase (null when every table is done).
 */
export function nextPhaseForAll(phases: readonly Phase[]): Phase | null {
	if (phases.length === 0) return null;
	const behind = Math.min(...phases.map((p) => PHASE_ORDER.indexOf(p)));
	const from = PHASE_ORDER[behind];
	return from === 'done' ? null : nextPhase(from);
}

/** Seconds left on a table's countdown (null: none; 0: over). */
export function secondsLeft(phaseEndsAt: number | null, now: number): number | null {
	return phaseEndsAt === null ? null : Math.max(0, Math.ceil((phaseEndsAt - now) / 1000));
}
