export interface PresenceSummary {
	/** Distinct names, sorted; yourself included when you have a name. */
	names: string[];
	/** Everyone present, named or not. */
	count: number;
}

/**
 * Who is at a table, from awareness states. Only the server-stamped `user` counts (a client cannot
 * name itself); `user.name` is null in anonymous meetings, so those people are counted, not named.
 * Our own state is not stamped locally, so `selfName` stands in for it.
 */
export function summarizePresence(
	states: ReadonlyMap<number, Record<string, unknown>>,
	selfClientId: number,
	selfName: string | null
): PresenceSummary {
	const names = new Set<string>();
	let unnamed = 0;
	if (selfName) names.add(selfName);
	else unnamed++;
	for (const [clientId, state] of states) {
		if (clientId === selfClientId) continue;
		const user = state.user as { name?: unknown } | undefined;
		if (!user || typeof user !== 'object') continue;
		if (typeof user.name === 'string' && user.name) names.add(user.name);
		else unnamed++;
	}
	return { names: [...names].sort((a, b) => a.localeCompare(b)), count: names.size + unnamed };
}

/**
 * How many participants are connected to a table room now, from awareness states: only the
 * server-stamped `user.kind` counts, so facilitators, projectors and a forged state are left out.
 */
export function countParticipantsPresent(states: ReadonlyMap<number, Record<string, unknown>>): number {
	let n = 0;
	for (const state of states.values()) {
		const user = state.user as { kind?: unknown } | undefined;
		if (user && typeof user === 'object' && user.kind === 'participant') n++;
	}
	return n;
}
