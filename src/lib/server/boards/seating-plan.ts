// Who sits where. Pure: the seating commands apply the plan.

export interface Seat {
	participantId: string;
	tableId: string | null;
	sector: string | null;
}

export interface PlanTable {
	id: string;
	/** Most people the table takes; null: no limit. */
	maxSize: number | null;
}

export type SeatingMode = 'even' | 'mix-sectors';

/** participant id → table id, for everyone (tables in the given order). */
export type SeatingPlan = Map<string, string>;

function capacity(table: PlanTable): number {
	return table.maxSize ?? Number.POSITIVE_INFINITY;
}

/** The table with the fewest people that still has room; when all are full, the one with the fewest. */
function leastFilled(tables: readonly PlanTable[], counts: Map<string, number>): PlanTable {
	let best: PlanTable | null = null;
	for (const t of tables) {
		if ((counts.get(t.id) ?? 0) >= capacity(t)) continue;
		if (!best || (counts.get(t.id) ?? 0) < (counts.get(best.id) ?? 0)) best = t;
	}
	// Everyone gets a seat: past every limit, the emptiest table takes one more.
	if (!best) for (const t of tables) if (!best || counts.get(t.id)! < counts.get(best.id)!) best = t;
	return best!;
}

/**
 * Spreads people evenly. `even` keeps everyone who already sits at a table that is not over its fair
 * share and moves only the rest; `mix-sectors` deals everyone out again, sector by sector, so each
 * table gets a mix.
 */
export function planSeating(seats: readonly Seat[], tables: readonly PlanTable[], mode: SeatingMode): SeatingPlan {
	const plan: SeatingPlan = new Map();
	if (tables.length === 0) return plan;
	const counts = new Map(tables.map((t) => [t.id, 0]));
	const known = new Set(tables.map((t) => t.id));
	let toSeat: Seat[];
	if (mode === 'even') {
		const fair = Math.ceil(seats.length / tables.length);
		toSeat = [];
		for (const seat of seats) {
			const table = seat.tableId && known.has(seat.tableId) ? tables.find((t) => t.id === seat.tableId)! : null;
			const n = table ? counts.get(table.id)! : 0;
			if (table && n < Math.min(fair, capacity(table))) {
				plan.set(seat.participantId, table.id);
				counts.set(table.id, n + 1);
			} else toSeat.push(seat);
		}
	} else {
		const order = (s: string | null) => (s === null ? 'zzz' : s);
		toSeat = [...seats].sort(
			(a, b) => order(a.sector).localeCompare(order(b.sector)) || a.participantId.localeCompare(b.participantId)
		);
	}
	for (const seat of toSeat) {
		const table = leastFilled(tables, counts);
		plan.set(seat.participantId, table.id);
		counts.set(table.id, counts.get(table.id)! + 1);
	}
	return plan;
}
