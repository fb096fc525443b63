import type { MeetingStatus } from '../db/schema.ts';

// The meeting's life cycle as data: each step is explicit and named, so the UI offers exactly the
// steps the server accepts. Decisions:
// - live → open ("pause") is allowed: a facilitator who started the live part too early can step back
//   without closing anything; the poll and the boards keep working in both states.
// - closed → open ("reopen") is allowed until the meeting is archived, for a session that ended too
//   soon. Reopening does not reopen the poll: closing set pollClosedAt, and only the poll's own
//   control opens it again, so no answers slip in unnoticed.
// - archived is final; a draft may be archived directly (a meeting that never took place).
export const TRANSITIONS = {
	open: { from: ['draft'], to: 'open' },
	start: { from: ['open'], to: 'live' },
	pause: { from: ['live'], to: 'open' },
	close: { from: ['open', 'live'], to: 'closed' },
	reopen: { from: ['closed'], to: 'open' },
	archive: { from: ['draft', 'closed'], to: 'archived' }
} as const satisfies Record<string, { from: readonly MeetingStatus[]; to: MeetingStatus }>;

export type TransitionAction = keyof typeof TRANSITIONS;
export const TRANSITION_ACTIONS = Object.keys(TRANSITIONS) as TransitionAction[];

export type TransitionPlan =
	{ ok: true; to: MeetingStatus } | { ok: false; reason: 'invalid-transition' };

export function planTransition(from: MeetingStatus, action: TransitionAction): TransitionPlan {
	const step = TRANSITIONS[action];
	return (step.from as readonly MeetingStatus[]).includes(from)
		? { ok: true, to: step.to }
		: { ok: false, reason: 'invalid-transition' };
}

/** The steps a facilitator can take from this status, in the order the UI shows them. */
export function availableTransitions(from: MeetingStatus): TransitionAction[] {
	return TRANSITION_ACTIONS.filter((action) => planTransition(from, action).ok);
}

/** Participants may join (and the poll may take answers) only while the meeting runs. */
export function acceptsParticipants(status: MeetingStatus): boolean {
	return status === 'open' || status === 'live';
}

/** Why a join code does not admit anyone now; null when it does. */
export function joinRefusal(status: MeetingStatus): 'meeting-not-open' | 'meeting-closed' | null {
	if (status === 'draft') return 'meeting-not-open';
	return acceptsParticipants(status) ? null : 'meeting-closed';
}

/** Details, tables, themes and co-facilitators can change until the meeting is closed. */
export function detailsEditable(status: MeetingStatus): boolean {
	return status === 'draft' || status === 'open' || status === 'live';
}

/** Closing the meeting closes its poll. */
export function closesPoll(action: TransitionAction): boolean {
	return TRANSITIONS[action].to === 'closed';
}
