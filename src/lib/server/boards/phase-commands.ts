import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { PHASES, type Phase } from '../../realtime/board-doc.ts';
import type { Db } from '../db/client.ts';
import { tables } from '../db/schema.ts';

// Moving a table through collect → cluster → vote → discuss → done, with an optional countdown.

export const COUNTDOWN_MAX_SECONDS = 2 * 60 * 60;

export const PhaseInput = v.object({
	phase: v.picklist(PHASES, 'phase-invalid'),
	/** Length of the countdown; null or absent: no countdown. */
	seconds: v.optional(
		v.nullable(
			v.pipe(
				v.number('seconds-invalid'),
				v.integer('seconds-invalid'),
				v.minValue(10, 'seconds-invalid'),
				v.maxValue(COUNTDOWN_MAX_SECONDS, 'seconds-invalid')
			)
		),
		null
	)
});

export interface PhaseResult {
	phase: Phase;
	phaseEndsAt: number | null;
}

/** Sets the phase of the given tables; any phase may follow any other (a facilitator may go back). */
export async function writePhase(
	db: Db,
	tableIds: readonly string[],
	input: v.InferOutput<typeof PhaseInput>,
	now: number
): Promise<PhaseResult> {
	const phaseEndsAt = input.seconds ? now + input.seconds * 1000 : null;
	for (const id of tableIds) {
		await db.update(tables).set({ phase: input.phase, phaseEndsAt, phaseSince: now }).where(eq(tables.id, id));
	}
	return { phase: input.phase, phaseEndsAt };
}
