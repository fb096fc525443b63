/**
 * In a large room the hub does not forward everyone's presence: it writes one awareness entry of its
 * own (no `user` field) whose state is `{ [PRESENCE_SUMMARY_KEY]: RoomPresenceCounts }`, plus the states
 * of the few who are active. Any stock y-websocket client can read it.
 */
export const PRESENCE_SUMMARY_KEY = 'denktafel';

export interface RoomPresenceCounts {
	/** Awareness states in the room (people with the board open), the reader included. */
	present: number;
	/** Of those, how many are writing a card now (the reader included). */
	writing: number;
	/** How many states the hub still forwards one by one (the active few). */
	shown: number;
}

export interface PresenceSummary {
	/** Distinct names, sorted; yourself included when you have a name. Empty in a large room. */
	names: string[];
	/** Everyone present, named or not. */
	count: number;
	/** True when the counts come from the hub's summary (a large room), not from everyone's states. */
	bounded: boolean;
}

/** The hub's summary among awareness states, if the room is large; a client-sent one never counts. */
export function roomCounts(states: ReadonlyMap<number, Record<string, unknown>>): RoomPresenceCounts | null {
	for (const state of states.values()) {
		if (state.user !== undefined) continue;
		const counts = state[PRESENCE_SUMMARY_KEY] as Partial<RoomPresenceCounts> | undefined;
		if (counts && typeof counts.present === 'number' && typeof counts.writing === 'number') {
			return { present: counts.present, writing: counts.writing, shown: counts.shown ?? 0 };
		}
	}
	return null;
}

/**
 * Who is at a table, from awareness states. Only the server-stamped `user` counts (a client cannot
 * name itself); `user.name` is null in anonymous meetings, so those people are counted, not named.
 * Our own state is not stamped locally, so `selfName` stands in for it. In a large room the hub's
 * counts stand for everyone (names would not fit on a screen anyway).
 */
export function summarizePresence(
	states: ReadonlyMap<number, Record<string, unknown>>,
	selfClientId: number,
	selfName: string | null
): PresenceSummary {
	const counts = roomCounts(states);
	if (counts) return { names: [], count: counts.present, bounded: true };
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
	return { names: [...names].sort((a, b) => a.localeCompare(b)), count: names.size + unnamed, bounded: false };
}

/** How many others are writing: the hub's count in a large room, else from everyone's states. */
export function othersWriting(
	states: ReadonlyMap<number, Record<string, unknown>>,
	selfClientId: number,
	selfWriting: boolean
): number {
	const counts = roomCounts(states);
	if (counts) return Math.max(0, counts.writing - (selfWriting ? 1 : 0));
	let n = 0;
	for (const [id, state] of states) if (id !== selfClientId && state.typing === true) n++;
	return n;
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
